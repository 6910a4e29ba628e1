package dev.meshcall.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.arrows.PackageArrows;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arrows between the SDK's packages, read from the compiled classes (issue 11, docs/architecture.md): no package
 * cycles; the call state machine runs on the JVM, so it uses neither the browser bindings, nor the exported
 * JavaScript face, nor TeaVM's JSO; signaling does not reach up into the exported face; and only the packages that
 * talk to the browser use JSO. A forbidden use fails here with the two classes that make the arrow.
 */
class PackageArrowsTest {
    private static final String ROOT = "dev.meshcall.client";
    private static final String JSO = "org.teavm.jso";

    /** The packages that talk to the browser through JSO: the exported face, the bindings, the browser transport. */
    private static final Set<String> JSO_PACKAGES = Set.of(ROOT + ".api", ROOT + ".rtc.browser", ROOT + ".rtc.jso",
            ROOT + ".signaling");
    /**
     * The one class outside them that holds a JSO type today: the box that carries browser values through the call
     * logic as plain objects, so it has to name {@code JSObject}.
     */
    private static final Set<String> JSO_CLASSES = Set.of(ROOT.replace('.', '/') + "/BrowserValue");

    private static PackageArrows arrows;

    @BeforeAll
    static void readTheCompiledClasses() throws Exception {
        arrows = PackageArrows.read(Log.class, ROOT, JSO);
        assertThat(arrows.arrows()).as("arrows read from the SDK's classes").containsKeys(ROOT + ".api",
                ROOT + ".call", ROOT + ".rtc.browser", ROOT + ".signaling");
    }

    @ParameterizedTest(name = "{0} does not use {1}")
    @CsvSource({
        "dev.meshcall.client.call, dev.meshcall.client.rtc.jso",
        "dev.meshcall.client.call, dev.meshcall.client.rtc.browser",
        "dev.meshcall.client.call, dev.meshcall.client.api",
        "dev.meshcall.client.call, org.teavm.jso",
        "dev.meshcall.client.signaling, dev.meshcall.client.api",
    })
    void aLowerLayerDoesNotUseAHigherOne(String from, String forbidden) {
        assertThat(arrows.uses(from, forbidden)).isEmpty();
    }

    @Test
    void onlyTheBrowserFacingPackagesUseJso() {
        assertThat(arrows.usesOutside(JSO, (self, pkg) -> JSO_PACKAGES.contains(pkg)
                || JSO_CLASSES.contains(PackageArrows.outerClassOf(self))))
                .as("classes outside " + JSO_PACKAGES + " that use " + JSO + ", with one use each")
                .isEmpty();
    }

    @Test
    void noPackagesUseEachOther() {
        for (String start : arrows.arrows().keySet()) {
            assertThat(arrows.cycleThrough(start)).as("a cycle through " + start).isEmpty();
        }
    }
}
