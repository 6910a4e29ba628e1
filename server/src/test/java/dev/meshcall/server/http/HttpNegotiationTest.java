package dev.meshcall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpNegotiationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", delimiter = '|', value = {
        "NULL | false",
        "'' | false",
        "gzip, deflate, br, zstd | true",
        "identity | false",
        "GZIP | true",
        "x-gzip | true",
        "br;q=1.0, gzip;q=0.5 | true",
        "gzip;q=0 | false",
        "gzip; q=0.0, br | false",
        "* | true",
        "*;q=0 | false",
        "gzip;q=0, * | false",
        "gzip;q=nonsense | false",
    })
    void takesGzipWhenTheClientAcceptsIt(String acceptEncoding, boolean expected) {
        assertThat(HttpNegotiation.acceptsGzip(acceptEncoding)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", delimiter = '|', value = {
        "NULL | false",
        "\"abc\" | true",
        "W/\"abc\" | true",
        "\"x\", \"abc\" | true",
        "* | true",
        "\"abc-gzip\" | false",
        "abc | false",
    })
    void revalidatesByWeakComparison(String ifNoneMatch, boolean expected) {
        assertThat(HttpNegotiation.matches(ifNoneMatch, "\"abc\"")).isEqualTo(expected);
    }
}
