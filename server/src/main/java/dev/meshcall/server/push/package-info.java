/**
 * Web Push for calls that reach people whose page is closed (issue 16): when a {@code call} finds its recipient
 * offline, the recipient's stored push subscriptions get an encrypted message, so that the service worker of the
 * calling page can show an Accept/Decline notification; when the caller gives up, a second message with the same
 * {@code Topic} takes it away.
 *
 * <ul>
 *   <li>RFC 8030 (the Web Push protocol): {@code TTL}, {@code Urgency}, {@code Topic}, the push service's answers
 *       ({@link dev.meshcall.server.push.PushSender}).</li>
 *   <li>RFC 8291 (Message Encryption for Web Push) over RFC 8188 {@code aes128gcm}
 *       ({@link dev.meshcall.server.push.PushEncryption}, {@link dev.meshcall.server.push.Hkdf}).</li>
 *   <li>RFC 8292 (VAPID): the server identifies itself with an ES256-signed JWT
 *       ({@link dev.meshcall.server.push.VapidKeys}, {@link dev.meshcall.server.push.VapidAuthorization}).</li>
 * </ul>
 *
 * <p><b>JDK primitives only, no new dependency (decided).</b> Everything above is ECDH on P-256, HKDF-SHA256,
 * AES-128-GCM and ECDSA P-256 with SHA-256, all of which the JDK has ({@code KeyPairGenerator "EC"},
 * {@code KeyAgreement "ECDH"}, {@code Mac "HmacSHA256"}, {@code Cipher "AES/GCM/NoPadding"},
 * {@code Signature "SHA256withECDSAinP1363Format"}); what is left is byte layout, a few hundred lines checked
 * against the RFCs' own test vectors. A web-push library would have brought Bouncy Castle and an HTTP client
 * for that.
 *
 * <p><b>The server POSTs to a URL a user gave.</b> A push endpoint is therefore refused unless it is an absolute
 * {@code https:} URL ({@link dev.meshcall.server.push.SubscriptionRequest}): a plain-HTTP URL would let any user aim
 * the server's requests at services inside its network (server-side request forgery) and would carry the VAPID
 * token in clear. {@code --push-allow-http-endpoints} lifts that for tests only (a stand-in push service on
 * loopback). The answer of a push service is never shown to the user, only counted.
 *
 * <p><b>Several nodes (XMPP mode).</b> Nodes share no database, so each keeps the subscriptions posted through it
 * ({@link dev.meshcall.server.push.PushSubscriptionStore#openOwn}) and asks the others to push theirs
 * ({@link dev.meshcall.server.push.PushPeers}, {@link dev.meshcall.server.push.AskingPeers}); how the request
 * travels is the mode's business ({@code mode.XmppPushPeers}, {@code relay.xmpp.NodePushRequests},
 * {@code docs/xmpp.md} "Web Push").
 */
package dev.meshcall.server.push;
