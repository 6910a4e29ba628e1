package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.json.Json;

/**
 * The harness itself, without the SDK's calling: Chromium starts in the namespace, its WebRTC stays on loopback,
 * the server serves the harness page and the SDK, and accounts work through the web app's forms.
 */
class InfrastructureIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    /** Two RTCPeerConnections in one page, with the fake camera: the pair they select is 127.0.0.1 on both ends. */
    private static final String LOOPBACK_CALL = """
            const stream = await navigator.mediaDevices.getUserMedia(
                {video: {width: 320, height: 240, frameRate: 15}, audio: true});
            const a = new RTCPeerConnection(), b = new RTCPeerConnection();
            a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
            b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
            stream.getTracks().forEach(t => a.addTrack(t, stream));
            await a.setLocalDescription(); await b.setRemoteDescription(a.localDescription);
            await b.setLocalDescription(); await a.setRemoteDescription(b.localDescription);
            const until = Date.now() + 15000;
            while (b.connectionState !== 'connected' && Date.now() < until) {
              await new Promise(r => setTimeout(r, 50));
            }
            const report = await b.getStats(); const s = [];
            report.forEach(v => s.push(Object.assign({}, v)));
            window.loopbackPcs = [a, b];
            return JSON.stringify({state: b.connectionState, stats: s});
            """;

    @Test
    void chromiumWebRtcSelectsALoopbackCandidatePair() {
        Browser browser = env.browsers().get("alice");
        browser.open(env.server().baseUrl() + "/harness.html");
        String json = (String) browser.js("return (async () => {" + LOOPBACK_CALL + "})();");
        Map<String, Object> result = new Json().toType(json, Json.MAP_TYPE);
        assertThat(result.get("state")).as("RTCPeerConnection state").isEqualTo("connected");
        @SuppressWarnings("unchecked")
        RtcStats stats = new RtcStats((List<Map<String, Object>>) result.get("stats"));
        RtcStats.CandidatePair pair = stats.selectedCandidatePair().orElseThrow();
        assertThat(pair.local().address()).as("local candidate of %s", pair).isEqualTo("127.0.0.1");
        assertThat(pair.remote().address()).as("remote candidate of %s", pair).isEqualTo("127.0.0.1");
        browser.js("window.loopbackPcs.forEach(pc => pc.close());");
    }

    @Test
    void theHarnessPageLoadsTheSdk() {
        Browser browser = env.browsers().get("alice");
        browser.open(env.server().baseUrl() + "/harness.html");
        Poll.until("the harness page has run its script", Participant.TIMEOUT,
                () -> browser.js("return window.h ? 'yes' : null;") != null);
        assertThat(browser.js("return typeof MeshCall;")).as("typeof MeshCall").isEqualTo("function");
    }

    /**
     * The ES module build: {@code <script type="module" src="/meshcall.mjs">} loads (a browser refuses a module
     * script served with a non-JavaScript MIME type), and {@code import('/meshcall.mjs')} gives the same four classes
     * with the same members as the UMD's globals on the same page, as a copy of its own that leaves
     * {@code window.MeshCall} alone.
     */
    @Test
    void theEsModuleBuildExportsTheSameApi() {
        Browser browser = env.browsers().get("alice");
        browser.open(env.server().baseUrl() + "/harness.html");
        Object loaded = browser.js("""
                return new Promise(resolve => {
                  const s = document.createElement('script');
                  s.type = 'module';
                  s.src = '/meshcall.mjs';
                  s.onload = () => resolve('loaded');
                  s.onerror = () => resolve('refused');
                  document.head.appendChild(s);
                });
                """);
        assertThat(loaded).as("<script type=module src=/meshcall.mjs>").isEqualTo("loaded");
        Map<String, Object> api = browser.jsMap("""
                const shape = exports => Object.fromEntries(Object.keys(exports).sort().map(name => [name,
                    Object.getOwnPropertyNames(exports[name]).concat(
                        Object.getOwnPropertyNames(exports[name].prototype)).sort().join(' ')]));
                return import(location.origin + '/meshcall.mjs').then(m => ({
                  module: shape(m),
                  script: shape({MeshCall, MeshCallChat, MeshCallVideoChat, MeshCallSession}),
                  version: m.MeshCall.version,
                  sameCopy: m.MeshCall === window.MeshCall,
                  audio: m.MeshCall.videochat.CallType.AUDIO,
                }));
                """);
        assertThat(api.get("version")).isEqualTo(browser.js("return MeshCall.version;"));
        assertThat(api.get("sameCopy")).as("the module is a copy of its own, not window's").isEqualTo(false);
        assertThat(api.get("audio")).as("videochat.CallType.AUDIO").isEqualTo(2L);
        @SuppressWarnings("unchecked")
        Map<String, Object> module = (Map<String, Object>) api.get("module");
        assertThat(module).as("the module's exports and their members")
                .containsOnlyKeys("MeshCall", "MeshCallChat", "MeshCallVideoChat", "MeshCallSession")
                .isEqualTo(api.get("script"));
    }

    @Test
    void aPersonSignsUpSignsOutAndSignsInOnTheWebPage() {
        Participant carol = env.onWebPage("carol").get(0);
        carol.signUpOnPage();
        assertThat(carol.page().element("current-user").getText()).isEqualTo(carol.account().fullName());
        carol.page().signOut();
        carol.page().signIn(carol.account().login(), carol.account().password());
        assertThat(carol.page().element("current-user").getText()).isEqualTo(carol.account().fullName());
        carol.page().signOut();
    }
}
