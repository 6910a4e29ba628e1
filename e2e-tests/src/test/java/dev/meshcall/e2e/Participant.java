package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.TypeToken;

/**
 * A person in a scenario: a signed-up user with their own Chromium, driving either the SDK harness page
 * ({@code web-root/harness.html}) or the real web app ({@link CallPage}). Scenario verbs read like the scenario:
 * {@code alice.call(bob, VIDEO); bob.accept(); alice.seesAndHears(bob);}.
 */
public final class Participant {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Json JSON = new Json();
    private static final java.lang.reflect.Type EVENTS = new TypeToken<List<Map<String, Object>>>() { }.getType();

    /** How this participant drives the SDK. */
    public enum Mode { SDK_HARNESS, WEB_PAGE, SEED_WALKTHROUGH, SEED_SDK }

    private final String name;
    private final Browser browser;
    private final TestServer server;
    private Account account;
    /** The token the harness page last connected with ({@link #signIn}, {@link #connectChat}). */
    private String token;
    private final Mode mode;
    private final CallPage page;
    /** The page a {@link Mode#SEED_SDK} participant opens ({@link SeedSdkPage}); unused by the other modes. */
    private final String pageUrl;
    private double lastAcceptAt = Double.NaN;

    private Participant(String name, Browser browser, TestServer server, Account account, Mode mode) {
        this(name, browser, server, account, mode, server.baseUrl());
    }

    private Participant(String name, Browser browser, TestServer server, Account account, Mode mode,
            String pageUrl) {
        this.name = name;
        this.browser = browser;
        this.server = server;
        this.account = account;
        this.mode = mode;
        this.page = new CallPage(browser, pageUrl);
        this.pageUrl = pageUrl;
    }

    /** A participant driving the SDK harness page; the account is signed up through the REST API. */
    public static Participant onHarness(String name, Browser browser, TestServer server) {
        return new Participant(name, browser, server, server.signUp(name), Mode.SDK_HARNESS);
    }

    /** A participant driving the SDK harness page with an account that already exists on {@code server}. */
    public static Participant onHarness(String name, Browser browser, TestServer server, Account account) {
        return new Participant(name, browser, server, account, Mode.SDK_HARNESS);
    }

    /**
     * A participant on the seed walkthrough page ({@code /examples/seed-walkthrough.html}), which keeps
     * {@code window.session} and {@code window.events} as the harness does; the account is signed up through the
     * REST API, and the test signs in through the page.
     */
    public static Participant onSeedWalkthrough(String name, Browser browser, TestServer server) {
        return new Participant(name, browser, server, server.signUp(name), Mode.SEED_WALKTHROUGH);
    }

    /**
     * A user of the seed system's own SDK (npm connectycube) on {@code pageUrl} ({@link SeedSdkPage}), whose account
     * already exists on the XMPP service of {@code server}; {@link #signIn(Map)} takes the SDK's
     * {@code {credentials, config}}. The page drives the SDK as the harness page drives MeshCall's, so the verbs are
     * the same.
     */
    public static Participant onSeedSdk(String name, Browser browser, TestServer server, Account account,
            String pageUrl) {
        return new Participant(name, browser, server, account, Mode.SEED_SDK, pageUrl);
    }

    /** Another device of an existing participant's account, on the SDK harness page, via {@code server}. */
    public static Participant anotherDeviceOf(Participant owner, String name, Browser browser, TestServer server) {
        return new Participant(name, browser, server, owner.account(), Mode.SDK_HARNESS);
    }

    /** A participant using the web app; the account is created later through the page ({@link #signUpOnPage}). */
    public static Participant onWebPage(String name, Browser browser, TestServer server) {
        return new Participant(name, browser, server, server.newAccount(name), Mode.WEB_PAGE);
    }

    /** A participant using the web app from {@code pageUrl} (a balancer in front of {@code server}). */
    public static Participant onWebPage(String name, Browser browser, TestServer server, String pageUrl) {
        return new Participant(name, browser, server, server.newAccount(name), Mode.WEB_PAGE, pageUrl);
    }

    public String name() {
        return name;
    }

    public Account account() {
        return account;
    }

    public Browser browser() {
        return browser;
    }

    public CallPage page() {
        return page;
    }

    /** Harness: the token the page last connected with, which any node of the same service accepts. */
    public String token() {
        requireMode(Mode.SDK_HARNESS);
        if (token == null) {
            throw new IllegalStateException(name + " has not connected with a token yet");
        }
        return token;
    }

    // ---------------------------------------------------------------- signing in

    /** Web app: opens the page and creates the account through the sign-up form (which also signs in). */
    public Participant signUpOnPage() {
        requireMode(Mode.WEB_PAGE);
        page.open().signUp(account.login(), account.password(), account.fullName());
        account = account.withId(server.userIdOf(account));
        return this;
    }

    /** Signs in with default SDK config. */
    public Participant signIn() {
        return signIn(Map.of());
    }

    /**
     * Harness: (re)loads the harness page, {@code MeshCall.init(config)}, {@code chat.connect({userId, token})}.
     * Web app: opens the page and signs in through the form.
     */
    public Participant signIn(Map<String, Object> config) {
        if (mode == Mode.WEB_PAGE) {
            page.open().signIn(account.login(), account.password());
            return this;
        }
        if (mode == Mode.SEED_SDK) {
            browser.open(pageUrl);
            Poll.until(name + ": the seed SDK's page has the ConnectyCube global", TIMEOUT,
                    () -> Boolean.TRUE.equals(browser.js("return !!(window.h && window.h.ready());")));
            browser.js("return h.init(arguments[0]);", config);
            Map<String, Object> result = browser.jsMap("return h.connect(arguments[0], null, arguments[1]);",
                    account.id(), account.password());
            assertThat(result).as("%s: ConnectyCube.chat.connect", name).containsEntry("ok", true);
            return this;
        }
        browser.open(server.baseUrl() + "/harness.html");
        Poll.until(name + ": harness page has the MeshCall global", TIMEOUT,
                () -> Boolean.TRUE.equals(browser.js("return !!(window.h && window.h.ready());")));
        browser.js("return h.init(arguments[0]);", config);
        token = server.login(account);
        Map<String, Object> result = browser.jsMap("return h.connect(arguments[0], arguments[1]);",
                account.id(), token);
        assertThat(result).as("%s: MeshCall.chat.connect", name).containsEntry("ok", true);
        return this;
    }

    /** Harness: {@code MeshCall.chat.disconnect()}, which closes signaling only; calls keep their media. */
    public void disconnectChat() {
        if (mode != Mode.SEED_SDK) {
            requireMode(Mode.SDK_HARNESS);
        }
        browser.js("return h.disconnect();");
    }

    /** Harness: {@code MeshCall.chat.connect} again on the same page, with a fresh token. */
    public void connectChat() {
        requireMode(Mode.SDK_HARNESS);
        token = server.login(account);
        Map<String, Object> result = browser.jsMap("return h.connect(arguments[0], arguments[1]);",
                account.id(), token);
        assertThat(result).as("%s: MeshCall.chat.connect", name).containsEntry("ok", true);
    }

    /**
     * Harness: loads the page afresh and connects with the password rather than a token, so that the SDK signs in
     * again by itself whenever it reconnects (a token of an embedded node does not outlive the node's restart).
     */
    public Participant signInWithPassword(Map<String, Object> config) {
        requireMode(Mode.SDK_HARNESS);
        browser.open(server.baseUrl() + "/harness.html");
        Poll.until(name + ": harness page has the MeshCall global", TIMEOUT,
                () -> Boolean.TRUE.equals(browser.js("return !!(window.h && window.h.ready());")));
        browser.js("return h.init(arguments[0]);", config);
        Map<String, Object> result = browser.jsMap("return h.connect(arguments[0], null, arguments[1]);",
                account.id(), account.password());
        assertThat(result).as("%s: MeshCall.chat.connect with the password", name).containsEntry("ok", true);
        return this;
    }

    /** The type of {@code MeshCall} on the harness page ("function" or "object"). */
    public String typeOfMeshCallGlobal() {
        return (String) browser.js("return typeof MeshCall;");
    }

    // ---------------------------------------------------------------- calling

    /** Calls {@code other}; returns the session id. */
    public String call(Participant other, CallType type) {
        return call(List.of(other), type, Map.of());
    }

    /**
     * Creates a session with the callees, gets local media for the call type, rings them with {@code extension}. On
     * the web app: one callee through the row's call button, several by ticking them and "call selected".
     */
    public String call(List<Participant> callees, CallType type, Map<String, Object> extension) {
        if (mode == Mode.WEB_PAGE) {
            assertThat(extension).as("the web app sends an empty extension").isEmpty();
            if (callees.size() > 1) {
                callees.forEach(callee -> page.choose(callee.account()));
                page.callSelected(type);
            } else if (type == CallType.VIDEO) {
                page.videoCall(callees.get(0).account());
            } else {
                page.audioCall(callees.get(0).account());
            }
            page.waitForStatus("calling");
            return currentSessionId();
        }
        List<Object> ids = callees.stream().map(p -> p.account().id()).collect(Collectors.toList());
        Map<String, Object> created = browser.jsMap(
                "return h.createSession(arguments[0], MeshCall.videochat.CallType[arguments[1]], {});",
                ids, type.name());
        assertThat(created).as("%s: createNewSession(%s, %s)", name, ids, type).containsKey("id");
        Map<String, Object> media = browser.jsMap("return h.getUserMedia(arguments[0]);", type.mediaParams());
        assertThat(media).as("%s: session.getUserMedia", name).containsEntry("ok", true);
        Map<String, Object> rang = browser.jsMap("return h.call(arguments[0]);", extension);
        assertThat(rang).as("%s: session.call", name).containsEntry("ok", true);
        return (String) created.get("id");
    }

    /** {@code createNewSession} with these ids; returns the error it threw, or empty if it created a session. */
    public Optional<String> createSessionError(List<Object> calleeIds, CallType type) {
        Map<String, Object> created = browser.jsMap(
                "return h.createSession(arguments[0], MeshCall.videochat.CallType[arguments[1]], {});",
                calleeIds, type.name());
        return Optional.ofNullable((String) created.get("error"));
    }

    /** Waits for the incoming call and returns its onCallListener event. */
    public Event waitForIncomingCall(Participant from) {
        if (mode == Mode.WEB_PAGE) {
            page.waitForIncomingCall();
        }
        return waitForEvent("onCallListener", e -> from.account().idText().equals(e.userId()));
    }

    public void accept() {
        accept(Map.of());
    }

    /** Answers the ringing call: getUserMedia for the call's type, then {@code session.accept(extension)}. */
    public void accept(Map<String, Object> extension) {
        if (mode == Mode.WEB_PAGE) {
            assertThat(extension).as("the web app accepts with an empty extension").isEmpty();
            page.waitForIncomingCall();
            lastAcceptAt = System.currentTimeMillis();
            page.accept();
            return;
        }
        waitForEvent("onCallListener");
        Map<String, Object> d = browser.jsMap("return h.describe();");
        CallType type = ((Number) d.get("callType")).intValue() == 2 ? CallType.AUDIO : CallType.VIDEO;
        Map<String, Object> media = browser.jsMap("return h.getUserMedia(arguments[0]);", type.mediaParams());
        assertThat(media).as("%s: session.getUserMedia", name).containsEntry("ok", true);
        assertThat(browser.jsMap("return h.accept(arguments[0]);", extension))
                .as("%s: session.accept", name).containsEntry("ok", true);
        lastAcceptAt = ((Number) browser.js("return window.lastAcceptAt;")).doubleValue();
    }

    /**
     * When this participant last accepted, in epoch ms: the moment {@code session.accept} was called (harness) or
     * the Accept button was clicked (web app, so it includes getUserMedia).
     */
    public double lastAcceptAt() {
        return lastAcceptAt;
    }

    public void reject() {
        reject(Map.of());
    }

    public void reject(Map<String, Object> extension) {
        if (mode == Mode.WEB_PAGE) {
            page.reject();
            return;
        }
        waitForEvent("onCallListener");
        assertThat(browser.jsMap("return h.reject(arguments[0]);", extension))
                .as("%s: session.reject", name).containsEntry("ok", true);
    }

    public void hangUp() {
        hangUp(Map.of());
    }

    /** Hangs up (or cancels while ringing): {@code session.stop(extension)}. */
    public void hangUp(Map<String, Object> extension) {
        if (mode == Mode.WEB_PAGE) {
            page.hangUp();
            return;
        }
        assertThat(browser.jsMap("return h.stop(arguments[0]);", extension))
                .as("%s: session.stop", name).containsEntry("ok", true);
    }

    /** The current session's id (harness: the last created or received one). */
    public String currentSessionId() {
        return (String) browser.js("var s = " + sessionExpression() + "; return s ? s.ID : null;");
    }

    /** Whether the current session's local {@code kind} ("audio"/"video") track is enabled; null without one. */
    public Boolean localTrackEnabled(String kind) {
        return (Boolean) browser.js("var s = " + sessionExpression() + "; var kind = arguments[0];"
                + " var t = s && s.localStream ? s.localStream.getTracks().filter(function (x) {"
                + "   return x.kind === kind; }) : [];"
                + " return t.length ? t[0].enabled : null;", kind);
    }

    /** How many {@code kind} tracks the current session's local stream has. */
    public long localTrackCount(String kind) {
        return ((Number) browser.js("var s = " + sessionExpression() + "; var kind = arguments[0];"
                + " return s && s.localStream ? s.localStream.getTracks().filter(function (x) {"
                + "   return x.kind === kind; }).length : 0;", kind)).longValue();
    }

    /** How many tracks of the current session's local stream are still live (capturing); 0 without one. */
    public long liveLocalTrackCount() {
        return ((Number) browser.js("var s = " + sessionExpression() + ";"
                + " return s && s.localStream ? s.localStream.getTracks().filter(function (t) {"
                + "   return t.readyState === 'live'; }).length : 0;")).longValue();
    }

    /** The current session's {@code state} number (SessionState). */
    public int sessionState() {
        Object s = browser.js("var s = " + sessionExpression() + "; return s ? s.state : -1;");
        return ((Number) s).intValue();
    }

    /**
     * {@code session.connectionStateForUser(peer)} of the current session; {@code null} when there is no session or
     * the peer is not in it.
     */
    public PeerConnectionState connectionStateFor(Participant peer) {
        Object s = browser.js("var s = " + sessionExpression() + ";"
                + " return s ? s.connectionStateForUser(arguments[0]) : null;", peer.account().id());
        return PeerConnectionState.of((Number) s);
    }

    // ---------------------------------------------------------------- events

    public List<Event> events() {
        String json = (String) browser.js("return JSON.stringify(" + eventsExpression() + ");");
        List<Map<String, Object>> raw = JSON.toType(json, EVENTS);
        List<Event> out = new ArrayList<>();
        raw.forEach(m -> out.add(new Event(m)));
        return out;
    }

    public List<Event> events(String name) {
        return events().stream().filter(e -> name.equals(e.name())).collect(Collectors.toList());
    }

    /** Forgets the recorded events, so the next waits see only what happens from now on. */
    public void clearEvents() {
        browser.js(eventsExpression() + ".length = 0;");
    }

    public Event waitForEvent(String eventName) {
        return waitForEvent(eventName, e -> true);
    }

    public Event waitForEvent(String eventName, Predicate<Event> matching) {
        try {
            return Poll.until(name + " gets " + eventName, TIMEOUT,
                    () -> events().stream().filter(e -> eventName.equals(e.name())).filter(matching).findFirst());
        } catch (AssertionError timedOut) {
            AssertionError failure = new AssertionError(timedOut.getMessage() + " (events: " + describeEvents() + ")");
            failure.initCause(timedOut.getCause());
            throw failure;
        }
    }

    public Event waitForEvent(String eventName, Participant from) {
        return waitForEvent(eventName, e -> from.account().idText().equals(e.userId()));
    }

    /** Waits until the peer link to {@code peer} reports CONNECTED through onSessionConnectionStateChangedListener. */
    public Event waitForConnectedTo(Participant peer) {
        String session = currentSessionId();
        return waitForEvent("onSessionConnectionStateChangedListener",
                e -> peer.account().idText().equals(e.userId()) && e.state() == ConnectionState.CONNECTED.value()
                        && (session == null || session.equals(e.sessionId())));
    }

    private String describeEvents() {
        try {
            return events().stream()
                    .map(e -> e.name() + "(" + e.userId() + (e.state() >= 0 ? "," + e.state() : "") + ")")
                    .collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- media, from getStats

    public RtcStats stats(Participant peer) {
        String json = (String) browser.js(RtcStats.script(sessionExpression()), peer.account().id());
        Object parsed = JSON.toType(json, Object.class);
        if (parsed instanceof Map<?, ?> error) {
            throw new AssertionError(name + ": getStats(" + peer.name + ") failed: " + error.get("error"));
        }
        List<Map<String, Object>> entries = JSON.toType(json, EVENTS);
        return new RtcStats(entries);
    }

    public long inboundVideoFramesDecoded(Participant peer) {
        return stats(peer).inboundVideoFramesDecoded();
    }

    public long audioBytesReceived(Participant peer) {
        return stats(peer).inboundAudioBytesReceived();
    }

    public RtcStats.CandidatePair selectedCandidatePair(Participant peer) {
        return Poll.until(name + " has a selected candidate pair to " + peer.name, TIMEOUT,
                () -> stats(peer).selectedCandidatePair());
    }

    /** Video from {@code peer} is decoded: inbound-rtp video framesDecoded rises between two reads. */
    public void seesVideoFrom(Participant peer) {
        rises(peer, "inbound video framesDecoded", RtcStats::inboundVideoFramesDecoded);
    }

    /** Both ends' selected ICE candidate pairs with {@code peer} are 127.0.0.1 ↔ 127.0.0.1 (the loopback rule). */
    public void usesLoopbackPathWith(Participant peer) {
        for (Participant[] pair : new Participant[][] {{this, peer}, {peer, this}}) {
            RtcStats.CandidatePair selected = pair[0].selectedCandidatePair(pair[1]);
            assertThat(selected.local().address()).as("%s's local candidate: %s", pair[0], selected)
                    .isEqualTo("127.0.0.1");
            assertThat(selected.remote().address()).as("%s's remote candidate: %s", pair[0], selected)
                    .isEqualTo("127.0.0.1");
        }
    }

    /** Video and audio flow both ways between this participant and {@code peer}. */
    public void seesAndHearsEachOther(Participant peer) {
        seesVideoFrom(peer);
        peer.seesVideoFrom(this);
        hearsAudioFrom(peer);
        peer.hearsAudioFrom(this);
    }

    /** This participant's outgoing video bitrate to {@code peer} over one second, from two readings of its stats. */
    public double sentVideoKbps(Participant peer) {
        double[] first = sentVideo(peer);
        double[] last = Poll.until(name + ": a second reading a second later", TIMEOUT, () -> {
            double[] now = sentVideo(peer);
            return now[0] - first[0] >= 1000 ? java.util.Optional.of(now) : java.util.Optional.<double[]>empty();
        });
        return (last[1] - first[1]) * 8 / (last[0] - first[0]);
    }

    /** {timestamp ms, bytesSent} of this participant's outbound video to {@code peer}. */
    private double[] sentVideo(Participant peer) {
        return stats(peer).entries().stream()
                .filter(e -> "outbound-rtp".equals(e.get("type")) && "video".equals(e.get("kind")))
                .map(e -> new double[] {((Number) e.get("timestamp")).doubleValue(),
                        ((Number) e.get("bytesSent")).doubleValue()})
                .findFirst().orElseThrow(() -> new AssertionError(name + " sends no video"));
    }

    /** Audio from {@code peer} arrives: inbound-rtp audio bytesReceived rises between two reads. */
    public void hearsAudioFrom(Participant peer) {
        rises(peer, "inbound audio bytesReceived", RtcStats::inboundAudioBytesReceived);
    }

    private void rises(Participant peer, String what, java.util.function.ToLongFunction<RtcStats> reading) {
        long[] first = {-1};
        Poll.until(name + ": " + what + " from " + peer.name + " is above 0", TIMEOUT, () -> {
            first[0] = reading.applyAsLong(stats(peer));
            return first[0] > 0;
        });
        long start = first[0];
        long[] last = {start};
        Poll.until(name + ": " + what + " from " + peer.name + " rises above " + start, TIMEOUT, () -> {
            last[0] = reading.applyAsLong(stats(peer));
            return last[0] > start;
        });
    }

    // ---------------------------------------------------------------- internals

    private String sessionExpression() {
        return mode == Mode.WEB_PAGE ? "window.meshcallApp.session" : "window.session";
    }

    private String eventsExpression() {
        return mode == Mode.WEB_PAGE ? "window.meshcallApp.events" : "window.events";
    }

    private void requireMode(Mode wanted) {
        if (mode != wanted) {
            throw new IllegalStateException(name + " drives " + mode + ", not " + wanted);
        }
    }

    /** The inbound audio's totalAudioEnergy here from {@code from} (getStats, W3C webrtc-stats). */
    private double audioEnergy(Participant from) {
        return stats(from).entries().stream()
                .filter(s -> "inbound-rtp".equals(s.get("type")) && "audio".equals(s.get("kind")))
                .mapToDouble(s -> s.get("totalAudioEnergy") instanceof Number n ? n.doubleValue() : 0)
                .sum();
    }

    /** This participant hears nothing from {@code from}: the energy of what arrives stays flat over 1.5 s. */
    public void hearsSilenceFrom(Participant from) {
        energyOverTime(from, "stays flat", delta -> delta < 1e-6);
    }

    /** This participant hears {@code from}: the energy of what arrives rises over 1.5 s. */
    public void hearsSoundFrom(Participant from) {
        energyOverTime(from, "rises", delta -> delta > 1e-6);
    }

    private void energyOverTime(Participant from, String what, DoublePredicate holds) {
        List<double[]> readings = new ArrayList<>(); // {millis, energy}
        Poll.until(name + ": the audio energy from " + from.name() + " " + what + " over 1.5 s", TIMEOUT, () -> {
            double now = System.nanoTime() / 1e6;
            double energy = audioEnergy(from);
            readings.add(new double[] {now, energy});
            for (double[] earlier : readings) {
                if (now - earlier[0] >= 1500 && holds.test(energy - earlier[1])) {
                    return true;
                }
            }
            readings.removeIf(r -> now - r[0] > 3000);
            return false;
        });
    }

    @Override
    public String toString() {
        return name + "(" + account.idText() + ")";
    }
}
