package dev.meshcall.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one table the benchmark command prints: a row per figure, each beside its baseline and goal. */
final class ResultTable {
    private final List<String[]> rows = new ArrayList<>();

    void add(String id, String measure, String value, String baseline, String ratio, String goal) {
        rows.add(new String[] {id, measure, value, baseline, ratio, goal});
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| id | measure | value | baseline (same run) | ratio | goal |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    void print(Path file) {
        String table = render();
        System.out.println();
        System.out.println("MeshCall benchmarks");
        System.out.println(table);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ms(double value) {
        return String.format("%.0f ms", value);
    }

    static String ratio(double value, double baseline) {
        return String.format("%.2f×", value / baseline);
    }
}
