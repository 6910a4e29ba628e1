package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.PresenceListener;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link SignalRouter} makes of each answer of the relay ({@link Delivery}), on a stand-in relay that answers
 * as told: who else hears of a {@code call} or {@code hangUp} that reached nobody seen online (the
 * {@link OfflineCallNotifier}, Web Push), whether the sender is refused, and whether a {@code call} leaves its session
 * known. The relay is asked nothing but the delivery: never a second time whether the recipient is online.
 */
class SignalRouterTest {
    private static final int ALICE = 1;
    private static final int BOB = 2;

    private final AnsweringRelay relay = new AnsweringRelay();
    private final RecordingNotifier offline = new RecordingNotifier();
    private final SessionRegistry sessions = new SessionRegistry(Duration.ofHours(2), Clock.systemUTC());
    private final SignalRouter router = new SignalRouter(relay, sessions, id -> id == ALICE || id == BOB,
            TrafficBudgets.defaults(), offline);
    private final Endpoint alicePage = new Endpoint() {
        @Override
        public int userId() {
            return ALICE;
        }

        @Override
        public void send(Frame frame) {
        }
    };

    /** A relay that answers every delivery with {@link #answer} and fails a test that asks who is online. */
    private static final class AnsweringRelay implements Relay {
        Delivery answer = Delivery.DELIVERED;

        @Override
        public Delivery deliver(Endpoint origin, int to, Signal signal) {
            return answer;
        }

        @Override
        public boolean isOnline(int userId) {
            throw new AssertionError("the router asked the relay a second time whether user " + userId
                    + " is online");
        }

        @Override
        public void register(Endpoint endpoint) {
        }

        @Override
        public void unregister(Endpoint endpoint) {
        }

        @Override
        public ListenerHandle addPresenceListener(PresenceListener listener) {
            return () -> { };
        }

        @Override
        public boolean ping(int userId, Duration timeout) {
            return true;
        }
    }

    /** Notes what it is told; answers that the call was pushed when {@link #pushes}. */
    private static final class RecordingNotifier implements OfflineCallNotifier {
        final List<String> told = new ArrayList<>();
        boolean pushes;

        @Override
        public boolean offlineCall(int callerId, int recipientId, String sessionId, CallType callType) {
            told.add("call " + callerId + "->" + recipientId);
            return pushes;
        }

        @Override
        public void offlineHangUp(int senderId, int recipientId, String sessionId) {
            told.add("hangUp " + senderId + "->" + recipientId);
        }
    }

    private static Signal call(String session) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.AUDIO).callerId(ALICE)
                .opponentsIds(List.of(BOB)).sdp("v=0 offer").platform("web").build();
    }

    /** Routes the signal; the message of the refusal ({@code unavailable}), or "" when it was taken. */
    private String route(Signal signal) {
        ProtocolException refused = catchThrowableOfType(ProtocolException.class,
                () -> router.route(alicePage, BOB, signal, 100));
        if (refused == null) {
            return "";
        }
        assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.UNAVAILABLE);
        return refused.getMessage();
    }

    @ParameterizedTest(name = "{0}, notifier pushes: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            DELIVERED           | true  | ""        | true  | ""
            SENT_TO_NOBODY_SEEN | true  | call 1->2 | true  | ""
            SENT_TO_NOBODY_SEEN | false | call 1->2 | true  | ""
            OFFLINE             | true  | call 1->2 | true  | user 2 is offline; a push notification was queued for them
            OFFLINE             | false | call 1->2 | false | user 2 is offline
            """)
    void aCall(Delivery answer, boolean pushes, String told, boolean sessionKnown, String refusal) {
        relay.answer = answer;
        offline.pushes = pushes;
        String session = UUID.randomUUID().toString();

        assertThat(route(call(session))).as("what the caller is told").isEqualTo(refusal);

        assertThat(offline.told).as("what the offline notifier hears")
                .isEqualTo(told.isEmpty() ? List.of() : List.of(told));
        assertThat(sessions.isKnown(session)).as("the session is known (delivered or pushed)").isEqualTo(sessionKnown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            DELIVERED           | ""          | ""
            SENT_TO_NOBODY_SEEN | hangUp 1->2 | ""
            OFFLINE             | hangUp 1->2 | user 2 is offline
            """)
    void theCallersHangUp(Delivery answer, String told, String refusal) {
        String session = UUID.randomUUID().toString();
        route(call(session));
        relay.answer = answer;

        assertThat(route(Signal.builder(SignalType.HANG_UP, session).build())).as("what the caller is told")
                .isEqualTo(refusal);

        assertThat(offline.told).as("what the offline notifier hears")
                .isEqualTo(told.isEmpty() ? List.of() : List.of(told));
    }
}
