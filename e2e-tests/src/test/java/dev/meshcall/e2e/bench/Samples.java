package dev.meshcall.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values of one figure, with the order statistics the table prints. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    /** The {@code p}-th percentile (nearest rank), {@code p} in 0..100; NaN when empty. */
    double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double median() {
        return percentile(50);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
