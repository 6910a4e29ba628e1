package dev.meshcall.server.relay.xmpp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which full JIDs of each user are available, as this node's connections see them. Several of the node's
 * connections may hear of the same device (each got its directed presence), each on its own stream: the service
 * keeps each stream in order but not the streams with each other, so a device counts as available while the latest
 * presence on at least one stream said so, and a stream that is lost takes what it saw with it.
 */
final class RemotePresence {
    /** user → full JID → the local connections (sessions) that last heard it available. */
    private final Map<Integer, Map<String, Set<Object>>> available = new HashMap<>();

    /** Records what the connection {@code observer} heard of {@code user}'s {@code device}. */
    synchronized void heard(Object observer, int user, String device, boolean isAvailable) {
        if (isAvailable) {
            available.computeIfAbsent(user, u -> new HashMap<>())
                    .computeIfAbsent(device, d -> new HashSet<>()).add(observer);
            return;
        }
        Map<String, Set<Object>> devices = available.get(user);
        if (devices == null) {
            return;
        }
        Set<Object> observers = devices.get(device);
        if (observers != null && observers.remove(observer) && observers.isEmpty()) {
            devices.remove(device);
            if (devices.isEmpty()) {
                available.remove(user);
            }
        }
    }

    /** Forgets what the connection {@code observer} heard (its stream ended); returns the users that changed. */
    synchronized Set<Integer> forget(Object observer) {
        Set<Integer> changed = new HashSet<>();
        available.entrySet().removeIf(user -> {
            user.getValue().entrySet().removeIf(device -> device.getValue().remove(observer)
                    && device.getValue().isEmpty() && changed.add(user.getKey()));
            return user.getValue().isEmpty();
        });
        return changed;
    }

    /** The user's available devices (full JIDs), a copy. */
    synchronized Set<String> devices(int user) {
        Map<String, Set<Object>> devices = available.get(user);
        return devices == null ? Set.of() : Set.copyOf(devices.keySet());
    }

    synchronized boolean isAvailable(int user) {
        return available.containsKey(user);
    }

    /** Whether a device of {@code user} is available as a connection other than {@code observer} last heard it. */
    synchronized boolean isAvailableApartFrom(int user, Object observer) {
        Map<String, Set<Object>> devices = available.get(user);
        return devices != null && devices.values().stream()
                .anyMatch(observers -> observers.stream().anyMatch(o -> o != observer));
    }

    /** Every user with an available device. */
    synchronized Set<Integer> users() {
        return Set.copyOf(available.keySet());
    }
}
