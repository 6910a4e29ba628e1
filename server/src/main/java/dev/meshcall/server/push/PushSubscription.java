package dev.meshcall.server.push;

import java.time.Instant;

/**
 * One browser's push subscription, as its {@code PushSubscription.toJSON()} gave it, stored for a user: where to
 * POST ({@code endpoint}), the browser's P-256 public key ({@code p256dh}) and its 16-byte {@code auth} secret, both
 * base64url and already checked ({@link SubscriptionRequest}).
 */
public record PushSubscription(int userId, String endpoint, String p256dh, String auth, Instant created) {
}
