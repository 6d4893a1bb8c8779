package demo.mesh.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * One logic app's fault switch ({@code PUT /fault} on its HTTP port, served with {@code LOGIC_FAULT_SWITCH_ENABLED}),
 * which breaks the release live: a share of its calls then fail with UNAVAILABLE, as the README's demo does.
 */
final class FaultSwitch {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String app;
    private final URI base;

    /** @param base where {@code app}'s HTTP port is reached from here, e.g. a port-forward to its pod */
    FaultSwitch(String app, URI base) {
        this.app = app;
        this.base = base;
    }

    /** From now on, {@code share} (0 to 1) of the calls the app answers fail. */
    void failShare(double share) {
        put(String.format(Locale.ROOT, "{\"errorRate\":%.2f}", share));
    }

    /** Every fault off, as {@code {}} switches them all off. */
    void heal() {
        put("{}");
    }

    private void put(String fault) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/fault")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(fault)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(app + " refused PUT /fault " + fault + " with " + answer.statusCode()
                        + ": " + answer.body() + (answer.statusCode() == 404
                        ? " (is LOGIC_FAULT_SWITCH_ENABLED=true in its ConfigMap?)" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PUT /fault on " + app + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching " + app + "'s fault", e);
        }
    }
}
