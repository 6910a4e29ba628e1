package dev.meshcall.e2e;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A network outage for media: every UDP packet dropped by an nftables table of its own, while TCP (the signaling
 * WebSocket, the REST API, chromedriver) goes on. Or, with {@link #mediaOnly()}, a stall: every UDP packet but STUN
 * dropped, so ICE's connectivity and consent checks still pass and the link stays connected while no media, RTCP or
 * DTLS gets through.
 *
 * <p>How it stays harmless: the e2e JVM runs in a network namespace of its own that has only {@code lo}
 * ({@code e2e-tests/src/test/netns/java}), and so do the browsers it starts and the {@code nft} it runs here. Before
 * touching anything this checks that the namespace it is in has no interface but {@code lo}, so a test started
 * outside it can never drop the machine's own UDP. Browser network emulation does not touch WebRTC media, and
 * {@code tc netem} is not in this kernel; nftables in the namespace is what works ({@code nftables} is installed by
 * {@code scripts/test-all.sh}).
 */
public final class UdpCut implements AutoCloseable {
    private static final String TABLE = "meshcall_udp_cut";

    private boolean active;

    /** Starts dropping UDP in both directions. */
    public static UdpCut start() {
        return drop("meta l4proto udp");
    }

    /**
     * Starts dropping, in both directions, every UDP packet that is not STUN: those whose 32 bits at payload offset
     * 4 are not STUN's magic cookie 0x2112A442 (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489
     * section 5</a>; {@code @th,96,32} is bit 96 from the UDP header's start, its 8 bytes and then 4).
     */
    public static UdpCut mediaOnly() {
        return drop("meta l4proto udp @th,96,32 != 0x2112a442");
    }

    private static UdpCut drop(String match) {
        requireLoopbackOnlyNamespace();
        UdpCut cut = new UdpCut();
        nft("add table inet " + TABLE);
        nft("add chain inet " + TABLE + " in { type filter hook input priority 0 ; policy accept ; }");
        nft("add chain inet " + TABLE + " out { type filter hook output priority 0 ; policy accept ; }");
        nft("add rule inet " + TABLE + " in " + match + " drop");
        nft("add rule inet " + TABLE + " out " + match + " drop");
        cut.active = true;
        return cut;
    }

    /** Lets UDP through again; a no-op the second time. */
    @Override
    public void close() {
        if (active) {
            active = false;
            nft("delete table inet " + TABLE);
        }
    }

    private static void requireLoopbackOnlyNamespace() {
        try {
            // NetworkInterface asks the kernel over netlink, so it sees this process's namespace (/sys/class/net
            // would show the namespace /sys was mounted in).
            List<String> names = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .map(NetworkInterface::getName).sorted().toList();
            if (!names.equals(List.of("lo"))) {
                throw new IllegalStateException("refusing to drop UDP: this JVM's network namespace has " + names
                        + ", not only lo (run the e2e tests through Failsafe, whose JVM is"
                        + " e2e-tests/src/test/netns/java)");
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
    }

    private static void nft(String command) {
        List<String> argv = Stream.concat(Stream.of("nft"), Stream.of(command.split(" "))).toList();
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("nft " + command + " did not finish within 10 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("nft " + command + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run nft (Debian package nftables): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running nft " + command, e);
        }
    }
}
