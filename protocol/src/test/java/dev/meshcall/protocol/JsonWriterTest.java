package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonWriterTest {

    static Stream<Map<String, Object>> flatMaps() {
        Map<String, Object> escapes = new LinkedHashMap<>();
        escapes.put("quote\"d", "line\nbreak\ttab\\slash\u0001ctl ☎");
        escapes.put("n", -1234567890123L);
        escapes.put("whole", 256.0);
        escapes.put("yes", true);
        escapes.put("no", false);
        return Stream.of(Map.of(), Map.of("a", "b"), escapes);
    }

    @ParameterizedTest
    @MethodSource("flatMaps")
    void encodedLengthIsTheWrittenLengthForWholeNumbersStringsAndBooleans(Map<String, Object> flat) {
        assertThat(JsonWriter.encodedLength(flat)).isEqualTo(JsonWriter.write(flat).length());
    }

    @ParameterizedTest
    @MethodSource("fractions")
    void encodedLengthCountsAFractionalNumberAsItsLongestText(double value) {
        Map<String, Object> flat = Map.of("x", value);

        assertThat(JsonWriter.encodedLength(flat)).isEqualTo(6 + JsonWriter.MAX_DOUBLE_CHARS)
                .isGreaterThanOrEqualTo(JsonWriter.write(flat).length());
    }

    static Stream<Double> fractions() {
        return Stream.of(1.5, -1.2345678901234567E-308, 0.1, 1e300, -Double.MIN_VALUE);
    }
}
