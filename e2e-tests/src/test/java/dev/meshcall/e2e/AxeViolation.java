package dev.meshcall.e2e;

import java.util.List;
import java.util.Map;

/**
 * One rule axe-core found broken on a page, with the first few elements that break it: enough for a developer to
 * find and fix it from a test failure alone. Impacts are axe's: {@code minor}, {@code moderate}, {@code serious},
 * {@code critical} (see https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#results-object).
 *
 * @param id the axe rule, e.g. {@code color-contrast}
 * @param impact how badly it hurts users; empty when axe gave none
 * @param help one line saying what the rule wants
 * @param helpUrl Deque's page explaining the rule and its fixes
 * @param nodeCount how many elements break the rule; only the first few are in {@code nodes}
 * @param nodes the first few elements that break the rule
 */
public record AxeViolation(String id, String impact, String help, String helpUrl, int nodeCount, List<Node> nodes) {
    private static final int HTML_SHOWN = 200;

    /**
     * One element that breaks the rule.
     *
     * @param target the CSS selector axe gives for it (frames and shadow roots joined by {@code >>>})
     * @param html the start of its outer HTML
     * @param failureSummary axe's words on what to fix there
     */
    public record Node(String target, String html, String failureSummary) {
    }

    /** Serious and critical violations are the ones issue 10 allows none of. */
    public boolean isSeriousOrWorse() {
        return "serious".equals(impact) || "critical".equals(impact);
    }

    /** Several lines: rule, impact, help and link, then each element's selector, HTML and what to fix. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("- ").append(id).append(" (").append(impact.isEmpty() ? "no impact given" : impact).append("): ")
                .append(help).append(" <").append(helpUrl).append(">, ").append(nodeCount)
                .append(nodeCount == 1 ? " element" : " elements").append('\n');
        for (Node node : nodes) {
            out.append("    at ").append(node.target()).append('\n')
                    .append("       ").append(shorten(node.html())).append('\n');
            if (!node.failureSummary().isEmpty()) {
                out.append("       ").append(node.failureSummary().replace("\n", "\n       ")).append('\n');
            }
        }
        if (nodeCount > nodes.size()) {
            out.append("    and ").append(nodeCount - nodes.size()).append(" more\n");
        }
        return out.toString();
    }

    /** Reads one violation as {@link Accessibility}'s script hands it over (a map of plain values). */
    @SuppressWarnings("unchecked")
    static AxeViolation fromScript(Map<String, Object> v) {
        List<Node> nodes = ((List<Map<String, Object>>) v.get("nodes")).stream()
                .map(n -> new Node(text(n.get("target")), text(n.get("html")), text(n.get("summary"))))
                .toList();
        return new AxeViolation(text(v.get("id")), text(v.get("impact")), text(v.get("help")),
                text(v.get("helpUrl")), ((Number) v.get("nodeCount")).intValue(), nodes);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String shorten(String html) {
        String oneLine = html.replaceAll("\\s+", " ");
        return oneLine.length() <= HTML_SHOWN ? oneLine : oneLine.substring(0, HTML_SHOWN) + "…";
    }
}
