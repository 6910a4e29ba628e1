package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.arrows.PackageArrows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arrows between the server's packages, read from the compiled classes (issue 11, docs/architecture.md): no
 * package cycles; the root package (the node's composition) imports downward only, so nothing below it depends on
 * it; the relays know nothing of HTTP or the WebSocket layer; Web Push ({@code push}) sits above HTTP, the
 * WebSocket layer and the accounts (it serves its endpoints with HTTP's handlers, implements the WebSocket layer's
 * {@code OfflineCallNotifier}, reads the account database's URL), and none of them knows it; it knows no relay. A
 * forbidden use fails here with the two classes that make the arrow.
 */
class PackageArrowsTest {
    private static final String ROOT = "dev.meshcall.server";

    private static PackageArrows arrows;

    @BeforeAll
    static void readTheCompiledClasses() throws Exception {
        arrows = PackageArrows.read(MeshCallServer.class, ROOT);
        assertThat(arrows.arrows()).as("arrows read from the server's classes")
                .containsKeys(ROOT, ROOT + ".ws", ROOT + ".relay.xmpp");
    }

    @Test
    void nothingBelowTheRootPackageUsesIt() {
        List<String> upward = new ArrayList<>();
        arrows.arrows().forEach((from, targets) -> {
            if (!from.equals(ROOT) && targets.containsKey(ROOT)) {
                upward.add(from + " -> " + ROOT + " (" + targets.get(ROOT) + ")");
            }
        });
        assertThat(upward).as("the root package composes the node; the packages below it take plain values")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} does not use {1}")
    @CsvSource({
        "relay, http",
        "relay, ws",
        "push, relay",
        "push, mode",
        "http, push",
        "ws, push",
        "auth, push",
    })
    void aLowerLayerDoesNotUseAHigherOne(String from, String forbidden) {
        assertThat(arrows.uses(ROOT + "." + from, ROOT + "." + forbidden)).isEmpty();
    }

    @Test
    void noPackagesUseEachOther() {
        for (String start : arrows.arrows().keySet()) {
            assertThat(arrows.cycleThrough(start)).as("a cycle through " + start).isEmpty();
        }
    }
}
