package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every frame decoder must do with the golden vectors. The client's decoder and the server's Jackson decoder
 * each extend this class, so both are held to the same lines of {@code vectors/index.tsv}.
 */
public abstract class FrameDecoderContract {

    /** Decodes one frame text, or throws a {@link ProtocolException}. */
    protected abstract Frame decode(String text);

    static Stream<GoldenVectors.Vector> validVectors() {
        return GoldenVectors.all().stream().filter(GoldenVectors.Vector::valid);
    }

    static Stream<GoldenVectors.Vector> invalidVectors() {
        return GoldenVectors.all().stream().filter(vector -> !vector.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void decodesValidVectorsToTheSameFrameAsTheReferenceCodec(GoldenVectors.Vector vector) {
        Frame frame = decode(vector.text());

        assertThat(frame).isEqualTo(FrameCodec.decode(vector.text()));
        assertThat(decode(FrameCodec.encode(frame))).as("re-encoded").isEqualTo(frame);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVectors")
    void rejectsInvalidVectorsWithTheExpectedCodeAndField(GoldenVectors.Vector vector) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> decode(vector.text()));

        assertThat(error).as("decoding %s must fail", vector.name()).isNotNull();
        assertThat(error.code()).as("code for %s: %s", vector.name(), error.getMessage()).isEqualTo(vector.code());
        assertThat(error.field()).as("field for %s: %s", vector.name(), error.getMessage())
                .isEqualTo(vector.field());
        assertThat(error.getMessage()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVectors")
    void neverThrowsAnythingButProtocolException(GoldenVectors.Vector vector) {
        assertThatThrownBy(() -> decode(vector.text())).isInstanceOf(ProtocolException.class);
    }
}
