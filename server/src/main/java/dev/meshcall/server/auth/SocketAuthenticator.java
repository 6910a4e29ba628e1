package dev.meshcall.server.auth;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Decides whom a WebSocket's token belongs to. Called on the socket's I/O thread, so it must not block: a check
 * that has to wait (in XMPP mode, logging the user in to the service) runs on {@code worker} and completes the stage
 * later. The socket answers {@code ready} or closes when the stage completes.
 */
@FunctionalInterface
public interface SocketAuthenticator {

    CompletionStage<SocketAuth> authenticate(String token, Executor worker);

    /** An authenticator that answers at once from {@code tokens} (the embedded mode's tokens). */
    static SocketAuthenticator immediate(Function<String, OptionalInt> tokens) {
        return (token, worker) -> {
            OptionalInt user = tokens.apply(token);
            return CompletableFuture.completedFuture(user.isPresent() ? SocketAuth.user(user.getAsInt())
                    : SocketAuth.badToken());
        };
    }
}
