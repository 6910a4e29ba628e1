package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshcall.protocol.GoldenVectors;
import dev.meshcall.protocol.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the golden vectors: every input goes through {@link FrameFuzzTarget} (the server's
 * decoder, the codec round trip, the router with its session checks); nothing but {@link ProtocolException} may come
 * out. The coverage-guided counterpart is {@link JazzerFrameFuzzTest}. Bounded: {@value #MUTATIONS} inputs from a
 * fixed seed, so a run is repeatable. An input that breaks it is written to {@code target/fuzz-failures/}; copy it to
 * {@code src/test/resources/fuzz-regressions/}, where {@link #replaysEveryInputThatOnceBrokeIt()} keeps it.
 */
class DecoderFuzzTest {
    private static final long SEED = 0x5EC0_2026L;
    private static final int MUTATIONS = 20_000;
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-regressions");
    private static final Path FAILURES = Path.of("target/fuzz-failures");
    private static final String[] TOKENS = {
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "\\ud800", "\\\"", "null", "true", "false", "0", "-0",
        "1e400", "-1", "2147483648", "99999999999999999999", "1.5", "NaN", "\"op\"", "\"signal\"", "\"to\"",
        "\"from\"", "\"ref\"", "\"sessionID\"", "\"signalType\"", "\"call\"", "\"hangUp\"", "\"iceCandidates\"",
        "\"opponentsIDs\"", "\"userInfo\"", "\"sdp\"", "\"callerID\"", "\"callType\"", "[[[[[[[[[", "{\"a\":",
        "\u00e9", "\ud83d\ude00", "\ud800", " ", "\n", "\t", "/*", "'",
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {
        "op", "to", "from", "ref", "signal", "token", "id", "signalType", "sessionID", "callType", "callerID",
        "opponentsIDs", "sdp", "platform", "userInfo", "iceCandidates", "candidate", "sdpMid", "sdpMLineIndex",
    };

    private final FrameFuzzTarget target = new FrameFuzzTarget();

    private void feed(String input) {
        target.feed(input);
    }

    @Test
    void nothingButProtocolExceptionEscapesTheDecoderAndRouter() throws IOException {
        List<String> corpus = GoldenVectors.all().stream().map(GoldenVectors.Vector::text).toList();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            String input = mutate(corpus, random);
            try {
                feed(input);
            } catch (ProtocolException expected) {
                // the decoder's or router's own refusal
            } catch (Throwable e) {
                failures.add(save(input) + ": " + e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d inputs from seed %x in %.2f s (%.0f inputs/s): %d decoded, %d routed,"
                + " %d failures%n", MUTATIONS, SEED, seconds, MUTATIONS / seconds, target.decoded(), target.routed(),
                failures.size());
        assertThat(failures).as("inputs that broke the decoder or router (saved under " + FAILURES + ")")
                .isEmpty();
        assertThat(seconds).as("seconds for the bounded run").isLessThan(30);
    }

    @Test
    void replaysEveryInputThatOnceBrokeIt() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(REGRESSIONS)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        for (Path input : inputs) {
            try {
                feed(Files.readString(input, StandardCharsets.UTF_8));
            } catch (ProtocolException expected) {
                // refused cleanly: what a fixed input gets
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz regression " + input.getFileName() + " breaks again", e);
            }
        }
    }

    private static final List<String> VALID = GoldenVectors.all().stream().filter(GoldenVectors.Vector::valid)
            .map(GoldenVectors.Vector::text).toList();

    /**
     * Half the inputs are any vector mutated as text (syntax); half are a valid vector mutated as a JSON tree (valid
     * JSON with odd values and fields: the validator, the signal rules and the session checks).
     */
    private static String mutate(List<String> corpus, Random random) {
        String text = corpus.get(random.nextInt(corpus.size()));
        if (random.nextBoolean()) {
            text = VALID.get(random.nextInt(VALID.size()));
            try {
                Object tree = JSON.readValue(text, Object.class);
                int rounds = 1 + random.nextInt(2);
                for (int r = 0; r < rounds; r++) {
                    tree = mutateTree(tree, random, 0);
                }
                return JSON.writeValueAsString(tree);
            } catch (JsonProcessingException notJson) {
                // an invalid vector: mutate its text instead
            }
        }
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            text = mutateOnce(text, corpus, random);
        }
        return text;
    }

    /** Replaces, removes or adds one value somewhere in the tree. */
    @SuppressWarnings("unchecked")
    private static Object mutateTree(Object node, Random random, int depth) {
        if (node instanceof Map<?, ?> map && !map.isEmpty() && (depth == 0 || random.nextInt(3) > 0)) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(copy.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> copy.remove(key);
                case 1 -> copy.put(FIELDS[random.nextInt(FIELDS.length)], randomValue(random));
                default -> copy.put(key, mutateTree(copy.get(key), random, depth + 1));
            }
            return copy;
        }
        if (node instanceof List<?> list && !list.isEmpty() && random.nextInt(3) > 0) {
            List<Object> copy = new ArrayList<>(list);
            int index = random.nextInt(copy.size());
            switch (random.nextInt(3)) {
                case 0 -> copy.remove(index);
                case 1 -> copy.add(index, random.nextBoolean() ? copy.get(index) : randomValue(random));
                default -> copy.set(index, mutateTree(copy.get(index), random, depth + 1));
            }
            return copy;
        }
        return randomValue(random);
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> 1 + random.nextInt(5);
            case 3 -> List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L, Long.MAX_VALUE)
                    .get(random.nextInt(6));
            case 4 -> random.nextGaussian() * Math.pow(10, random.nextInt(40));
            case 5 -> "";
            case 6 -> "x".repeat(random.nextInt(2000));
            case 7 -> List.of("call", "accept", "reject", "hangUp", "iceCandidates", "iceRestart",
                    "iceRestartAccept", "signal", "ping", "auth", "presence", "error", "pong", "ready")
                    .get(random.nextInt(14));
            case 8 -> "s-" + random.nextInt(4);
            case 9 -> List.of();
            case 10 -> Map.of();
            case 11 -> List.of(1 + random.nextInt(5), 1 + random.nextInt(5));
            case 12 -> Map.of("candidate", "candidate:" + random.nextInt(), "sdpMid", "0", "sdpMLineIndex",
                    random.nextInt(3));
            default -> new String(Character.toChars(random.nextInt(0x10FFFF)));
        };
    }

    private static String mutateOnce(String text, List<String> corpus, Random random) {
        int length = text.length();
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        int to = Math.min(length, at + random.nextInt(16) + 1);
        StringBuilder out = new StringBuilder(text);
        switch (random.nextInt(9)) {
            case 0 -> {
                if (at < length) {
                    out.setCharAt(at, (char) random.nextInt(0x80));
                }
            }
            case 1 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            case 2 -> out.delete(at, to);
            case 3 -> out.insert(at, text, at, to);
            case 4 -> {
                String other = corpus.get(random.nextInt(corpus.size()));
                int cut = random.nextInt(other.length() + 1);
                return text.substring(0, at) + other.substring(cut);
            }
            case 5 -> out.setLength(at);
            case 6 -> {
                if (at < length) {
                    out.setCharAt(at, (char) random.nextInt(0x10000));
                }
            }
            case 7 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)].repeat(1 + random.nextInt(40)));
            default -> {
                int number = text.indexOf(':', at);
                if (number >= 0) {
                    out.insert(number + 1, random.nextBoolean() ? Long.toString(random.nextLong())
                            : Double.toString(random.nextGaussian() * 1e300));
                }
            }
        }
        return out.toString();
    }

    private static String save(String input) throws IOException {
        Files.createDirectories(FAILURES);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            Path file = FAILURES.resolve(HexFormat.of().formatHex(digest, 0, 8) + ".txt");
            Files.writeString(file, input, StandardCharsets.UTF_8);
            return file.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
