package dev.meshcall.client.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Recording with the browser's {@code MediaRecorder} (<a href="https://www.w3.org/TR/mediastream-recording/">
 * MediaStream Recording</a>) into WebM: one stream as it is, or the whole call mixed. The mix plays every stream of
 * the call (this user's and each other participant's, also those who join later) in a hidden, muted element: their
 * sound is summed by Web Audio, their pictures are drawn side by side on a 1280x720 canvas 15 times a second, and the
 * canvas and the summed sound are what is recorded. Written in JavaScript: it is browser plumbing from end to end,
 * and TeaVM's bindings for it would cost {@code meshcall.js} several times these lines.
 */
final class Recording {
    private Recording() {
    }

    /** The streams of the call now: this user's and every other participant's that arrived. */
    @JSFunctor
    interface Streams extends JSObject {
        JSObject current();
    }

    /**
     * Starts recording {@code stream}, or the whole call when it is {@code null}; returns the recording, for
     * {@link #stop}.
     *
     * @throws IllegalStateException (as a JavaScript {@code Error}) when this browser cannot record
     */
    @JSBody(params = { "stream", "streams" }, script = "if (typeof MediaRecorder === 'undefined') {"
            + " throw new Error('this browser cannot record (no MediaRecorder)'); }"
            + " var r = {chunks: [], stopMix: function () {}}, source = stream;"
            + " if (!source) { var ctx = new AudioContext(), out = ctx.createMediaStreamDestination(),"
            + " canvas = document.createElement('canvas'), g = canvas.getContext('2d'), seen = {};"
            + " canvas.width = 1280; canvas.height = 720;"
            + " var draw = function () {"
            + " var list = Array.from(streams()).filter(function (s) { return s.active; });"
            + " list.forEach(function (s) { if (seen[s.id]) { return; } var v = document.createElement('video');"
            + " v.muted = true; v.playsInline = true; v.srcObject = s; v.play().catch(function () {});"
            + " seen[s.id] = v; if (s.getAudioTracks().length) { ctx.createMediaStreamSource(s).connect(out); } });"
            + " g.fillStyle = '#000'; g.fillRect(0, 0, 1280, 720); var w = 1280 / Math.max(1, list.length);"
            + " list.forEach(function (s, i) { var v = seen[s.id]; if (v.videoWidth) {"
            + " var h = Math.min(720, w * v.videoHeight / v.videoWidth), vw = h * v.videoWidth / v.videoHeight;"
            + " g.drawImage(v, i * w + (w - vw) / 2, (720 - h) / 2, vw, h); } }); };"
            + " draw(); var timer = setInterval(draw, 66);"
            + " source = new MediaStream(canvas.captureStream(15).getVideoTracks()"
            + ".concat(out.stream.getAudioTracks()));"
            + " r.stopMix = function () { clearInterval(timer); source.getTracks().forEach(function (t) { t.stop(); });"
            + " ctx.close(); for (var k in seen) { seen[k].srcObject = null; } }; }"
            + " var type = ['video/webm;codecs=vp8,opus', 'video/webm'].filter(function (t) {"
            + " return MediaRecorder.isTypeSupported(t); })[0];"
            + " r.recorder = new MediaRecorder(source, type ? {mimeType: type} : {});"
            + " r.recorder.ondataavailable = function (e) { if (e.data && e.data.size) { r.chunks.push(e.data); } };"
            + " r.recorder.start(1000); return r;")
    static native JSObject start(JSObject stream, Streams streams);

    /** Stops {@code recording}: a promise of its WebM {@code Blob}, with everything recorded up to now. */
    @JSBody(params = "recording", script = "return new Promise(function (resolve, reject) {"
            + " var rec = recording.recorder; rec.onstop = function () { recording.stopMix();"
            + " resolve(new Blob(recording.chunks, {type: rec.mimeType || 'video/webm'})); };"
            + " rec.onerror = function (e) { recording.stopMix(); reject(e.error || new Error('recording failed')); };"
            + " if (rec.state === 'inactive') { rec.onstop(); } else { rec.stop(); } });")
    static native JSPromise<JSObject> stop(JSObject recording);
}
