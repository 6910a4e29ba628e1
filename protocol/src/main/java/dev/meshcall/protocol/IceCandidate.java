package dev.meshcall.protocol;

import java.util.Objects;

/**
 * One trickled ICE candidate, as in W3C {@code RTCIceCandidateInit}
 * (<a href="https://www.w3.org/TR/webrtc/#dom-rtcicecandidateinit">webrtc-pc</a>).
 */
public final class IceCandidate {
    private final String candidate;
    private final String sdpMid;
    private final Integer sdpMLineIndex;

    /**
     * @param candidate     the {@code candidate:} attribute line, without the {@code a=} prefix
     * @param sdpMid        the media stream id, or {@code null}
     * @param sdpMLineIndex the m-line index, or {@code null}
     */
    public IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex) {
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.sdpMid = sdpMid;
        this.sdpMLineIndex = sdpMLineIndex;
    }

    public String candidate() {
        return candidate;
    }

    public String sdpMid() {
        return sdpMid;
    }

    public Integer sdpMLineIndex() {
        return sdpMLineIndex;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof IceCandidate)) {
            return false;
        }
        IceCandidate that = (IceCandidate) other;
        return candidate.equals(that.candidate) && Objects.equals(sdpMid, that.sdpMid)
                && Objects.equals(sdpMLineIndex, that.sdpMLineIndex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(candidate, sdpMid, sdpMLineIndex);
    }

    @Override
    public String toString() {
        return "IceCandidate[" + candidate.length() + " chars, sdpMid=" + sdpMid + ", sdpMLineIndex="
                + sdpMLineIndex + "]";
    }
}
