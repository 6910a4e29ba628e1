package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The body of {@code POST /api/calls/reject}: its fields under the limits of the signal fields they become. */
class CallRejectRequestTest {

    private static CallRejectRequest read(String json) {
        return CallRejectRequest.fromTree(JsonReader.parse(json, Limits.MAX_JSON_DEPTH));
    }

    @Test
    void readsTheSeedsParameters() {
        CallRejectRequest request = read("{\"sessionID\":\"0c7d6c0e-1\",\"recipientId\":56,\"platform\":\"web\"}");

        assertThat(request).isEqualTo(new CallRejectRequest("0c7d6c0e-1", 56, "web"));
    }

    @Test
    void platformIsOptional_andARoundTripKeepsTheRequest() {
        CallRejectRequest request = read("{\"sessionID\":\"s\",\"recipientId\":2147483647}");

        assertThat(request.platform()).isNull();
        assertThat(CallRejectRequest.fromTree(request.toTree())).isEqualTo(request);
        assertThat(request.toTree()).doesNotContainKey("platform");
    }

    @Test
    void userInfoIsTheRejectsExtension_flatAsEverySignalsIs() {
        CallRejectRequest request = read("{\"sessionID\":\"s\",\"recipientId\":5,\"userInfo\":{\"reason\":\"x\","
                + "\"busy\":true}}");

        assertThat(request.userInfo()).containsExactly(entry("reason", "x"), entry("busy", true));
        assertThat(CallRejectRequest.fromTree(request.toTree())).isEqualTo(request);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no sessionID       | {\"recipientId\":56}                                    | sessionID is missing",
        "null sessionID     | {\"sessionID\":null,\"recipientId\":56}                 | sessionID is missing",
        "numeric sessionID  | {\"sessionID\":7,\"recipientId\":56}                    | sessionID must be a string",
        "empty sessionID    | {\"sessionID\":\"\",\"recipientId\":56}                 | sessionID must not be empty",
        "sessionID with /   | {\"sessionID\":\"a/b\",\"recipientId\":56}              | sessionID may hold only",
        "no recipientId     | {\"sessionID\":\"s\"}                                   | recipientId is missing",
        "recipientId string | {\"sessionID\":\"s\",\"recipientId\":\"56\"}            | recipientId must hold user ids",
        "recipientId 0      | {\"sessionID\":\"s\",\"recipientId\":0}                 | recipientId must hold user ids",
        "recipientId 1.5    | {\"sessionID\":\"s\",\"recipientId\":1.5}               | recipientId must hold user ids",
        "recipientId 2^31   | {\"sessionID\":\"s\",\"recipientId\":2147483648}        | recipientId must hold user ids",
        "platform 1         | {\"sessionID\":\"s\",\"recipientId\":5,\"platform\":1}  | platform must be a string",
        "unknown field      | {\"sessionID\":\"s\",\"recipientId\":5,\"extension\":{}} | unknown field 'extension'",
        "nested userInfo    | {\"sessionID\":\"s\",\"recipientId\":5,\"userInfo\":{\"a\":[1]}} | userInfo",
        "an array           | [1]                                                     | body must be a JSON object",
    })
    void refusesABodyNamingTheField(String name, String json, String message) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> read(json));

        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void refusesFieldsOverTheSignalLimits() {
        String longId = "a".repeat(Limits.MAX_SESSION_ID_CHARS + 1);
        String longPlatform = "w".repeat(Limits.MAX_SHORT_STRING_CHARS + 1);

        ProtocolException id = catchThrowableOfType(ProtocolException.class,
                () -> read("{\"sessionID\":\"" + longId + "\",\"recipientId\":5}"));
        ProtocolException platform = catchThrowableOfType(ProtocolException.class,
                () -> read("{\"sessionID\":\"s\",\"recipientId\":5,\"platform\":\"" + longPlatform + "\"}"));

        assertThat(id.field()).isEqualTo("sessionID");
        assertThat(id.getMessage()).isEqualTo("sessionID of 65 chars is over the limit of 64");
        assertThat(platform.field()).isEqualTo("platform");
        assertThat(read("{\"sessionID\":\"" + longId.substring(1) + "\",\"recipientId\":5}").sessionId())
                .hasSize(Limits.MAX_SESSION_ID_CHARS);
    }
}
