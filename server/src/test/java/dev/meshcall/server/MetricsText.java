package dev.meshcall.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one value from {@code /metrics} (Prometheus text), for tests. */
final class MetricsText {
    private MetricsText() {
    }

    /**
     * The value of the sample named exactly {@code sample} (with its labels, if any), such as
     * {@code meshcall_sessions_active}.
     *
     * @throws AssertionError when there is no such sample
     */
    static double value(TestHttp http, String sample) {
        String text = http.get("/metrics", null).raw().body();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no sample " + sample + " in /metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }
}
