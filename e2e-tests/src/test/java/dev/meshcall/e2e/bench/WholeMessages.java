package dev.meshcall.e2e.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A java.net.http WebSocket listener that hands each whole text message to a consumer (a message may come in
 * parts) and then asks for the next one.
 */
final class WholeMessages implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<String> onMessage;

    WholeMessages(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            onMessage.accept(message);
        }
        webSocket.request(1);
        return null;
    }
}
