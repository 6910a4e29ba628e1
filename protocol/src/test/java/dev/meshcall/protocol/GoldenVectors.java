package dev.meshcall.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden frame vectors ({@code vectors/index.tsv}, plus the oversized ones, which are generated): each a frame
 * text and the outcome every decoder must reach, so that the browser's and the server's decoders can never drift.
 */
public final class GoldenVectors {
    private GoldenVectors() {
    }

    /** One vector: a frame text, and either "ok" ({@code code == null}) or the error code and field expected. */
    public record Vector(String name, String text, ErrorCode code, String field) {
        public boolean valid() {
            return code == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every vector: the files listed in the index, then the generated oversized ones. */
    public static List<Vector> all() {
        List<Vector> vectors = new ArrayList<>();
        for (String line : lines("vectors/index.tsv")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            String text = String.join("\n", lines("vectors/" + parts[0]));
            if ("ok".equals(parts[1])) {
                vectors.add(new Vector(parts[0], text, null, null));
            } else {
                vectors.add(new Vector(parts[0], text, ErrorCode.fromWire(parts[1]),
                        "-".equals(parts[2]) ? null : parts[2]));
            }
        }
        vectors.addAll(generated());
        return vectors;
    }

    private static List<Vector> generated() {
        List<Vector> vectors = new ArrayList<>();
        String sdp = "x".repeat(Limits.MAX_SDP_CHARS);
        vectors.add(new Vector("generated/sdp-at-limit", accept(sdp), null, null));
        vectors.add(new Vector("generated/sdp-over-limit", accept(sdp + "x"), ErrorCode.TOO_LARGE, "sdp"));
        vectors.add(new Vector("generated/frame-over-64k",
                "{\"op\":\"ping\",\"id\":\"" + "x".repeat(Limits.MAX_FRAME_BYTES) + "\"}", ErrorCode.TOO_LARGE, null));
        String longCandidate = "{\"candidate\":\"" + "c".repeat(Limits.MAX_CANDIDATE_CHARS + 1) + "\"}";
        vectors.add(new Vector("generated/candidate-over-1k", candidates(longCandidate, 1), ErrorCode.TOO_LARGE,
                "candidate"));
        vectors.add(new Vector("generated/32-candidates", candidates("{\"candidate\":\"c\"}", 32), null, null));
        vectors.add(new Vector("generated/33-candidates", candidates("{\"candidate\":\"c\"}", 33),
                ErrorCode.TOO_LARGE, "iceCandidates"));
        vectors.add(new Vector("generated/user-info-32-keys", hangUpWithUserInfo(keys(32, 1)), null, null));
        vectors.add(new Vector("generated/user-info-33-keys", hangUpWithUserInfo(keys(33, 1)), ErrorCode.TOO_LARGE,
                "userInfo"));
        vectors.add(new Vector("generated/user-info-over-4k", hangUpWithUserInfo(keys(2, 2100)),
                ErrorCode.TOO_LARGE, "userInfo"));
        return vectors;
    }

    private static String accept(String sdp) {
        return "{\"op\":\"signal\",\"to\":2,\"signal\":{\"signalType\":\"accept\",\"sessionID\":\"a\","
                + "\"callType\":1,\"sdp\":\"" + sdp + "\"}}";
    }

    private static String candidates(String candidate, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(candidate);
        }
        return "{\"op\":\"signal\",\"to\":2,\"signal\":{\"signalType\":\"iceCandidates\",\"sessionID\":\"a\","
                + "\"iceCandidates\":[" + String.join(",", list) + "]}}";
    }

    private static String keys(int count, int valueChars) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add("\"k" + i + "\":\"" + "v".repeat(valueChars) + "\"");
        }
        return "{" + String.join(",", entries) + "}";
    }

    private static String hangUpWithUserInfo(String userInfo) {
        return "{\"op\":\"signal\",\"to\":2,\"signal\":{\"signalType\":\"hangUp\",\"sessionID\":\"a\","
                + "\"userInfo\":" + userInfo + "}}";
    }

    private static List<String> lines(String resource) {
        InputStream in = GoldenVectors.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
