package dev.meshcall.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call signal with the fields of the seed's system ({@code docs/protocol.md}, "The signal"). Immutable; build
 * one with {@link #builder(SignalType, String)}. Whether a signal is within the limits is {@link SignalValidator}'s
 * business, not this class's.
 */
public final class Signal {
    private final SignalType signalType;
    private final String sessionId;
    private final CallType callType;
    private final Integer callerId;
    private final List<Integer> opponentsIds;
    private final String sdp;
    private final String platform;
    private final Map<String, Object> userInfo;
    private final List<IceCandidate> iceCandidates;

    private Signal(Builder builder) {
        this.signalType = Objects.requireNonNull(builder.signalType, "signalType");
        this.sessionId = Objects.requireNonNull(builder.sessionId, "sessionID");
        this.callType = builder.callType;
        this.callerId = builder.callerId;
        this.opponentsIds = Collections.unmodifiableList(new ArrayList<>(builder.opponentsIds));
        this.sdp = builder.sdp;
        this.platform = builder.platform;
        this.userInfo = Collections.unmodifiableMap(new LinkedHashMap<>(builder.userInfo));
        this.iceCandidates = Collections.unmodifiableList(new ArrayList<>(builder.iceCandidates));
    }

    /** Starts a signal of the given type for the given session. */
    public static Builder builder(SignalType signalType, String sessionId) {
        return new Builder(signalType, sessionId);
    }

    /** A builder that starts as a copy of this signal. */
    public Builder toBuilder() {
        Builder builder = new Builder(signalType, sessionId);
        builder.callType = callType;
        builder.callerId = callerId;
        builder.opponentsIds.addAll(opponentsIds);
        builder.sdp = sdp;
        builder.platform = platform;
        builder.userInfo.putAll(userInfo);
        builder.iceCandidates.addAll(iceCandidates);
        return builder;
    }

    public SignalType signalType() {
        return signalType;
    }

    /** The wire's {@code sessionID}. */
    public String sessionId() {
        return sessionId;
    }

    /** The call type, or {@code null} when the signal does not carry one. */
    public CallType callType() {
        return callType;
    }

    /** The wire's {@code callerID}: the session's initiator, or {@code null} when not carried. */
    public Integer callerId() {
        return callerId;
    }

    /** The wire's {@code opponentsIDs}: everyone in the session but the initiator; empty when not carried. */
    public List<Integer> opponentsIds() {
        return opponentsIds;
    }

    /** The offer or answer, or {@code null}. */
    public String sdp() {
        return sdp;
    }

    /** The sender's platform ({@code web}), or {@code null}. */
    public String platform() {
        return platform;
    }

    /**
     * The {@code extension} the sender passed to {@code call/accept/reject/stop}: a flat map whose values are
     * {@link String}, {@link Boolean}, {@link Long} (integral numbers) or {@link Double}. Empty when not carried.
     */
    public Map<String, Object> userInfo() {
        return userInfo;
    }

    /** The trickled candidates of an {@code iceCandidates} signal; empty otherwise. */
    public List<IceCandidate> iceCandidates() {
        return iceCandidates;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Signal)) {
            return false;
        }
        Signal that = (Signal) other;
        return signalType == that.signalType && sessionId.equals(that.sessionId) && callType == that.callType
                && Objects.equals(callerId, that.callerId) && opponentsIds.equals(that.opponentsIds)
                && Objects.equals(sdp, that.sdp) && Objects.equals(platform, that.platform)
                && userInfo.equals(that.userInfo) && iceCandidates.equals(that.iceCandidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signalType, sessionId, callType, callerId, opponentsIds, sdp, platform, userInfo,
                iceCandidates);
    }

    /** Names the signal without its SDP, candidates or user info, so that it is safe to log. */
    @Override
    public String toString() {
        return "Signal[" + signalType.wireName() + " session=" + sessionId + " caller=" + callerId
                + " opponents=" + opponentsIds + (sdp == null ? "" : " sdp=" + sdp.length() + " chars")
                + (iceCandidates.isEmpty() ? "" : " candidates=" + iceCandidates.size()) + "]";
    }

    /** Builds a {@link Signal}. */
    public static final class Builder {
        private final SignalType signalType;
        private final String sessionId;
        private CallType callType;
        private Integer callerId;
        private final List<Integer> opponentsIds = new ArrayList<>();
        private String sdp;
        private String platform;
        private final Map<String, Object> userInfo = new LinkedHashMap<>();
        private final List<IceCandidate> iceCandidates = new ArrayList<>();

        private Builder(SignalType signalType, String sessionId) {
            this.signalType = signalType;
            this.sessionId = sessionId;
        }

        public Builder callType(CallType value) {
            this.callType = value;
            return this;
        }

        public Builder callerId(Integer value) {
            this.callerId = value;
            return this;
        }

        public Builder opponentsIds(List<Integer> value) {
            opponentsIds.clear();
            opponentsIds.addAll(value);
            return this;
        }

        public Builder sdp(String value) {
            this.sdp = value;
            return this;
        }

        public Builder platform(String value) {
            this.platform = value;
            return this;
        }

        public Builder userInfo(Map<String, Object> value) {
            userInfo.clear();
            userInfo.putAll(value);
            return this;
        }

        public Builder iceCandidates(List<IceCandidate> value) {
            iceCandidates.clear();
            iceCandidates.addAll(value);
            return this;
        }

        public Signal build() {
            return new Signal(this);
        }
    }
}
