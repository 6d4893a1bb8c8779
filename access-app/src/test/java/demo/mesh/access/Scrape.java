package demo.mesh.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of access-app's {@code /prometheus}, read the way a dashboard reads the logic call series. */
record Scrape(String text) {

    /** The value of {@code series} for one outcome and version; 0 before the first call that has them. */
    double value(String series, String outcome, String version) {
        Matcher line = Pattern.compile("(?m)^" + labels(series, outcome, version) + "} (\\S+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    /** The sum of {@code series} over every outcome and version. */
    double total(String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + "\\{[^}]*} (\\S+)$").matcher(text);
        double total = 0;
        while (line.find()) {
            total += Double.parseDouble(line.group(1));
        }
        return total;
    }

    /** The start of a series' line up to its labels' closing brace, as a regular expression. */
    static String labels(String series, String outcome, String version) {
        return Pattern.quote(series + "{outcome=\"" + outcome + "\",version=\"" + version + "\"");
    }
}
