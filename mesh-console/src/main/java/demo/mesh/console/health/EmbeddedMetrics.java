package demo.mesh.console.health;

import demo.mesh.console.http.CallFailure;
import io.micronaut.scheduling.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Each version's health read straight from the apps' metrics endpoints, for a machine without Prometheus: every
 * {@code scrapeInterval} the console reads access-app's per-attempt counters, keeps them for {@code retention}, and
 * answers a window from how much they grew, quantiles from the grown histogram buckets.
 */
final class EmbeddedMetrics implements TrafficMetrics, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMetrics.class);
    /** A target that has not answered for this many intervals counts as down. */
    private static final int MISSED_SCRAPES = 3;

    private record LastScrape(Instant at, String error) {
    }

    private final List<URI> targets;
    private final Duration interval;
    private final Clock clock;
    private final ScrapeHistory history;
    private final HttpClient http;
    private final Map<URI, LastScrape> last = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> schedule;

    EmbeddedMetrics(MetricsConfiguration configuration, TaskScheduler scheduler, Clock clock) {
        this.targets = configuration.scrapeTargets();
        this.interval = configuration.scrapeInterval();
        this.clock = clock;
        this.history = new ScrapeHistory(configuration.retention());
        // The JDK's client: one client for any number of configured URLs, a timeout per request.
        this.http = HttpClient.newBuilder().connectTimeout(interval).build();
        this.schedule = scheduler.scheduleAtFixedRate(Duration.ZERO, interval, this::scrapeAll);
    }

    @Override
    public String source() {
        return MetricsConfiguration.EMBEDDED;
    }

    @Override
    public RouteHealth health(HealthQuery query) {
        Instant now = clock.instant();
        requireAnswering(now);
        Map<String, VersionHealth> versions = new LinkedHashMap<>();
        for (String version : query.versions()) {
            AttemptCounters.Counters grown = history.growth(version, now, query.window());
            versions.put(version, VersionHealth.estimated(grown.calls(), grown.errors(),
                    millis(HistogramQuantile.of(0.5, grown.buckets())), millis(HistogramQuantile.of(0.99, grown.buckets()))));
        }
        return new RouteHealth(source(), query.window(), versions);
    }

    @Override
    public void close() {
        schedule.cancel(false);
    }

    /** Reads every target once; a target that fails is noted and tried again next time. */
    void scrapeAll() {
        for (URI target : targets) {
            try {
                String text = fetch(target);
                Instant at = clock.instant();
                history.add(target.toString(), at, AttemptCounters.from(PrometheusText.parse(text, AttemptCounters::wanted)));
                last.put(target, new LastScrape(at, null));
            } catch (IOException | RuntimeException e) {
                String why = CallFailure.why(e);
                LastScrape previous = last.get(target);
                if (previous == null || previous.error() == null) {
                    LOG.warn("Embedded metrics: cannot read {}: {}", target, why);
                }
                last.put(target, new LastScrape(previous == null ? null : previous.at(), why));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String fetch(URI target) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(interval).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Answering from counters nobody has updated for a while would report a dead edge as a quiet one. */
    private void requireAnswering(Instant now) {
        Instant recent = now.minus(interval.multipliedBy(MISSED_SCRAPES));
        boolean anyRecent = last.values().stream().anyMatch(s -> s.error() == null && s.at().isAfter(recent));
        if (anyRecent) {
            return;
        }
        StringBuilder why = new StringBuilder();
        for (URI target : targets) {
            LastScrape scrape = last.get(target);
            why.append(why.isEmpty() ? "" : "; ").append(target).append(": ")
                    .append(scrape == null ? "not read yet" : scrape.error() != null ? scrape.error() : "no answer since " + scrape.at());
        }
        throw new MetricsUnavailableException("the embedded metrics source has no recent scrape (" + why + ")");
    }

    private static Double millis(Double seconds) {
        return seconds == null ? null : seconds * 1000;
    }
}
