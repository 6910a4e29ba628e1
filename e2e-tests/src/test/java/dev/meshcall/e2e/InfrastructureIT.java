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
