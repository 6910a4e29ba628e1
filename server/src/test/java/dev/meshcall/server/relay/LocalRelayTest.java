package dev.meshcall.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalRelayTest {
    private final LocalRelay relay = new LocalRelay();
    private final List<String> events = new ArrayList<>();

    private static final class Socket implements Endpoint {
        final int userId;
        final List<Frame> received = new ArrayList<>();

        Socket(int userId) {
            this.userId = userId;
        }

        @Override
        public int userId() {
            return userId;
        }

        @Override
        public void send(Frame frame) {
            received.add(frame);
        }
    }

    @Test
    void deliversToEverySocketOfTheRecipientWithTheSender() {
        Socket sender = new Socket(1);
        Socket otherPageOfSender = new Socket(1);
        Socket tab = new Socket(2);
        Socket phone = new Socket(2);
        for (Socket socket : List.of(sender, otherPageOfSender, tab, phone)) {
            relay.register(socket);
        }
        Signal signal = Signal.builder(SignalType.HANG_UP, "s").build();

        assertThat(relay.deliver(sender, 2, signal)).isEqualTo(Delivery.DELIVERED);

        assertThat(tab.received).containsExactly(Frame.signalFrom(1, signal));
        assertThat(phone.received).containsExactly(Frame.signalFrom(1, signal));
        assertThat(otherPageOfSender.received).as("a hangUp is not copied").isEmpty();
        assertThat(sender.received).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SignalType.class, names = {"ACCEPT", "REJECT"})
    void copiesAnOwnAcceptOrRejectToTheSendersOtherSocketsOnly(SignalType type) {
        Socket ringing = new Socket(2);
        Socket alsoRinging = new Socket(2);
        Socket caller = new Socket(1);
        Socket thirdPage = new Socket(2);
        for (Socket socket : List.of(ringing, alsoRinging, caller, thirdPage)) {
            relay.register(socket);
        }
        Signal.Builder builder = Signal.builder(type, "s");
        if (type == SignalType.ACCEPT) {
            builder.callType(CallType.VIDEO).sdp("v=0");
        }
        Signal signal = builder.build();

        assertThat(relay.deliver(ringing, 1, signal)).isEqualTo(Delivery.DELIVERED);

        Frame fromTwo = Frame.signalFrom(2, signal);
        assertThat(caller.received).containsExactly(fromTwo);
        assertThat(alsoRinging.received).as("the user's other page stops ringing").containsExactly(fromTwo);
        assertThat(thirdPage.received).containsExactly(fromTwo);
        assertThat(ringing.received).as("not back to the sending socket").isEmpty();
    }

    @Test
    void reportsAnOfflineRecipient_butStillTellsTheSendersOtherSockets() {
        Socket socket = new Socket(2);
        relay.register(socket);
        relay.unregister(socket);
        Socket sender = new Socket(1);
        Socket otherPage = new Socket(1);
        relay.register(sender);
        relay.register(otherPage);
        Signal reject = Signal.builder(SignalType.REJECT, "s").build();

        assertThat(relay.deliver(sender, 2, Signal.builder(SignalType.HANG_UP, "s").build()))
                .isEqualTo(Delivery.OFFLINE);
        assertThat(relay.isOnline(2)).isFalse();
        assertThat(relay.deliver(sender, 2, reject)).isEqualTo(Delivery.OFFLINE);
        assertThat(otherPage.received).as("the user decided: the other page stops ringing either way")
                .containsExactly(Frame.signalFrom(1, reject));
    }

    @Test
    void firesPresenceOnTheFirstAndLastSocketOnly() {
        relay.addPresenceListener((user, online) -> events.add(user + ":" + online));
        Socket tab = new Socket(5);
        Socket phone = new Socket(5);

        relay.register(tab);
        relay.register(phone);
        assertThat(relay.isOnline(5)).isTrue();
        relay.unregister(tab);
        relay.unregister(tab);
        assertThat(relay.isOnline(5)).isTrue();
        relay.unregister(phone);

        assertThat(events).containsExactly("5:true", "5:false");
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersAndHandlesRemove() {
        relay.addPresenceListener((user, online) -> {
            throw new IllegalStateException("listener bug");
        });
        ListenerHandle handle = relay.addPresenceListener((user, online) -> events.add("second " + user));

        relay.register(new Socket(1));
        handle.remove();
        relay.register(new Socket(2));

        assertThat(events).containsExactly("second 1");
    }
}
