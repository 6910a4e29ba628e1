package dev.meshcall.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A load balancer in miniature for tests: a TCP forwarder on loopback that sends each new connection to the node it
 * currently points at ({@link #pointAt}); connections already made stay with their node, as behind a real balancer
 * when a node is drained. Stopped by {@link #close}, which closes every socket it opened.
 */
public final class LoopbackBalancer implements AutoCloseable {
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;

    public LoopbackBalancer(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "balancer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:PORT}, what the browser opens. */
    public String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Sends the next connections to the node on {@code port} (of 127.0.0.1). */
    public void pointAt(int port) {
        this.targetPort = port;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Socket node = new Socket();
                sockets.add(node);
                try {
                    node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(node);
                    continue;
                }
                pump(client, node);
                pump(node, client);
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "balancer-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
