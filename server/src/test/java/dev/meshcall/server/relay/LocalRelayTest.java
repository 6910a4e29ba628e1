package dev.meshcall.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        Socket tab = new Socket(2);
        Socket phone = new Socket(2);
        relay.register(tab);
        relay.register(phone);
        Signal signal = Signal.builder(SignalType.HANG_UP, "s").build();

        assertThat(relay.deliver(1, 2, signal)).isEqualTo(Delivery.DELIVERED);

        assertThat(tab.received).containsExactly(Frame.signalFrom(1, signal));
        assertThat(phone.received).containsExactly(Frame.signalFrom(1, signal));
    }

    @Test
    void reportsAnOfflineRecipient() {
        Socket socket = new Socket(2);
        relay.register(socket);
        relay.unregister(socket);

        assertThat(relay.deliver(1, 2, Signal.builder(SignalType.HANG_UP, "s").build())).isEqualTo(Delivery.OFFLINE);
        assertThat(relay.isOnline(2)).isFalse();
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
