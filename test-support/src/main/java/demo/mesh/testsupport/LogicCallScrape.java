package demo.mesh.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of access-app's {@code /prometheus}, read the way a dashboard reads its logic call series
 * ({@code logic_calls_seconds_*}, {@code logic_attempts_seconds_*}, labelled by gRPC outcome and answering version).
 */
public record LogicCallScrape(String text) {

    public static final String CALLS = "logic_calls_seconds_count";
    public static final String ATTEMPTS = "logic_attempts_seconds_count";

    /** Scrapes {@code endpoint}, an access-app's {@code /prometheus}. */
    public static LogicCallScrape of(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + " answered " + response.statusCode());
        }
        return new LogicCallScrape(response.body());
    }

    /** The value of {@code series} for one outcome and version; 0 before the first call that has them. */
    public double value(String series, String outcome, String version) {
        Matcher line = Pattern.compile("(?m)^" + labels(series, outcome, version) + "} (\\S+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    /** The sum of {@code series} over every outcome and version. */
    public double total(String series) {
        return byOutcome(series).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The sums of {@code series} per outcome (a gRPC status code's name), over every version. */
    public Map<String, Double> byOutcome(String series) {
        return sumsBy(series, "outcome");
    }

    /** The sums of {@code series} per answering version ({@code none}: no release answered), over every outcome. */
    public Map<String, Double> byVersion(String series) {
        return sumsBy(series, "version");
    }

    /** The sums of {@code series} per value of its label {@code label}, over every other label. */
    private Map<String, Double> sumsBy(String series, String label) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series)
                + "\\{(?:[^}]*,)?" + label + "=\"([^\"]*)\"[^}]*} (\\S+)$").matcher(text);
        Map<String, Double> sums = new TreeMap<>();
        while (line.find()) {
            sums.merge(line.group(1), Double.parseDouble(line.group(2)), Double::sum);
        }
        return sums;
    }

    /** The start of a series' line up to its labels' closing brace, as a regular expression. */
    public static String labels(String series, String outcome, String version) {
        return Pattern.quote(series + "{outcome=\"" + outcome + "\",version=\"" + version + "\"");
    }
}
