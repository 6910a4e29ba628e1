package dev.meshcall.server.http;

import dev.meshcall.server.logging.RateLimitedLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads a REST request body in full on the I/O thread, without a worker, and only then hands the exchange to
 * {@code next} on a worker thread. A worker blocked in a body read is lost to every other request for as long as the
 * client takes (16 slow clients once froze {@code /health}, login and the page); read this way a slow client costs a
 * socket and at most {@value JsonExchange#MAX_BODY_BYTES} bytes. Uses Undertow's asynchronous receiver
 * ({@code HttpServerExchange.getRequestReceiver()}, "Receiver" in the Undertow documentation).
 *
 * <p>A body larger than {@value JsonExchange#MAX_BODY_BYTES} bytes is answered 413 {@code too_large}; a body that has
 * not arrived in full within the timeout (counted from the end of the headers) has its connection closed, since a
 * client sending one byte at a time would otherwise hold it for ever.
 */
public final class RequestBody implements HttpHandler {
    /** Clients cause these at will: one line per cause a minute. */
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LoggerFactory.getLogger(RequestBody.class),
            Duration.ofMinutes(1));
    private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private final Duration timeout;
    private final HttpHandler next;

    public RequestBody(Duration timeout, HttpHandler next) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * The body this handler read for the exchange.
     *
     * @throws IllegalStateException when the exchange did not pass through a {@code RequestBody}
     */
    static byte[] of(HttpServerExchange exchange) {
        byte[] body = exchange.getAttachment(BODY);
        if (body == null) {
            throw new IllegalStateException(exchange.getRequestMethod() + " " + exchange.getRequestPath()
                    + " reads a body but its handler chain has no RequestBody");
        }
        return body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > JsonExchange.MAX_BODY_BYTES) {
            JsonExchange.sendError(exchange, tooLarge(declared + " bytes"));
            return;
        }
        exchange.setMaxEntitySize(JsonExchange.MAX_BODY_BYTES);
        AtomicBoolean arrived = new AtomicBoolean();
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            if (arrived.compareAndSet(false, true)) {
                WARNINGS.warn("request body too slow", "closing the connection of {} {} from {}: its body did not"
                        + " arrive within {} ms", exchange.getRequestMethod(), exchange.getRequestPath(),
                        JsonExchange.clientAddress(exchange), timeout.toMillis());
                IoUtils.safeClose(exchange.getConnection());
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        exchange.getRequestReceiver().receiveFullBytes((done, body) -> {
            if (arrived.compareAndSet(false, true)) {
                deadline.remove();
                done.putAttachment(BODY, body);
                done.dispatch(next);
            }
        }, (failed, error) -> {
            if (arrived.compareAndSet(false, true)) {
                deadline.remove();
                refuse(failed, error);
            }
        });
    }

    /** A body over the limit without a declared length is 413; any other read failure means the client is gone. */
    private static void refuse(HttpServerExchange exchange, IOException error) {
        if (error instanceof RequestTooBigException && !exchange.isResponseStarted()) {
            JsonExchange.sendError(exchange, tooLarge("more than " + JsonExchange.MAX_BODY_BYTES + " bytes"));
            return;
        }
        WARNINGS.warn("request body aborted", "cannot read the body of {} {} from {}: {}",
                exchange.getRequestMethod(), exchange.getRequestPath(), JsonExchange.clientAddress(exchange),
                error.toString());
        IoUtils.safeClose(exchange.getConnection());
    }

    private static ApiException tooLarge(String size) {
        return new ApiException(413, "too_large", "request body of " + size + " is over the limit of "
                + JsonExchange.MAX_BODY_BYTES);
    }
}
