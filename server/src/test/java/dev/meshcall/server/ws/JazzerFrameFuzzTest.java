package dev.meshcall.server.ws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.meshcall.protocol.ProtocolException;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzzing of {@link FrameFuzzTarget} with Jazzer, bounded to {@code maxExecutions}:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl server test -Dtest=JazzerFrameFuzzTest \
 *     -Djazzer.instrumentation_includes='dev.meshcall.**:com.fasterxml.jackson.**'
 * </pre>
 *
 * <p>Only in that mode: Jazzer 0.24's regression mode (what a plain build would run) fails under JUnit 5.14 (its
 * {@code AgentConfiguringArgumentsProvider} lacks the new {@code provideArguments} signature). A finding lands under
 * {@code src/test/resources/dev/meshcall/server/ws/JazzerFrameFuzzTestInputs/}; copy it to
 * {@code src/test/resources/fuzz-regressions/} as a {@code .txt}, where {@link DecoderFuzzTest} replays it in every
 * build.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class JazzerFrameFuzzTest {
    private final FrameFuzzTarget target = new FrameFuzzTarget();

    @FuzzTest(maxExecutions = 100_000)
    void frames(@NotNull String text) {
        try {
            target.feed(text);
        } catch (ProtocolException expected) {
            // the server's own refusal
        }
    }
}
