package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemotePresenceTest {
    private final Object ownSession = new Object();
    private final Object otherSession = new Object();
    private final RemotePresence presence = new RemotePresence();

    @Test
    void aDeviceHeardOnlyByOneConnectionIsAvailableApartFromAnotherOnly() {
        presence.heard(ownSession, 7, "7-1@localhost/meshcall-b", true);

        assertThat(presence.isAvailable(7)).isTrue();
        assertThat(presence.isAvailableApartFrom(7, ownSession)).isFalse();
        assertThat(presence.isAvailableApartFrom(7, otherSession)).isTrue();

        presence.heard(otherSession, 7, "7-1@localhost/meshcall-b", true);
        assertThat(presence.isAvailableApartFrom(7, ownSession)).isTrue();
        presence.heard(otherSession, 7, "7-1@localhost/meshcall-b", false);
        assertThat(presence.isAvailableApartFrom(7, ownSession)).isFalse();
        assertThat(presence.isAvailableApartFrom(8, otherSession)).isFalse();
    }
}
