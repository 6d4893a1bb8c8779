package demo.mesh.console.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads samples from Prometheus's text exposition format (version 0.0.4), as Micrometer writes it. The Prometheus
 * Java client only writes this format, and no kept Java library reads it, so this small reader does: comments and
 * blank lines are skipped, label values are unescaped, an optional timestamp is ignored.
 */
final class PrometheusText {

    /** One sample line: {@code name{labels} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /**
     * The samples whose metric name {@code wanted} accepts; other lines are not parsed beyond their name.
     *
     * @throws IllegalArgumentException naming the line that is not in the format
     */
    static List<Sample> parse(String text, Predicate<String> wanted) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int nameEnd = nameEnd(trimmed);
            String name = trimmed.substring(0, nameEnd);
            if (!wanted.test(name)) {
                continue;
            }
            try {
                samples.add(sample(trimmed, name, nameEnd));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " is not a Prometheus sample (" + e.getMessage()
                        + "): " + trimmed, e);
            }
        }
        return samples;
    }

    private static int nameEnd(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static Sample sample(String line, String name, int at) {
        Map<String, String> labels = new HashMap<>();
        int i = at;
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code key="value",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            i = skipSpaces(line, i);
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label without =\"value\"");
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (char c = line.charAt(j); c != '"'; c = line.charAt(++j)) {
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = skipSpaces(line, j + 1);
            if (line.charAt(i) == ',') {
                i++;
            } else if (line.charAt(i) != '}') {
                throw new IllegalArgumentException("expected , or } after label " + key);
            }
        }
    }

    private static int skipSpaces(String line, int i) {
        while (Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
