package demo.mesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * One logic app's fault switch ({@code PUT /fault} on its HTTP port, served with {@code logic.fault.switch-enabled},
 * {@code LOGIC_FAULT_SWITCH_ENABLED} in a ConfigMap), which breaks the release live, as the README's demo does.
 */
public final class FaultSwitch {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String app;
    private final URI base;

    /**
     * @param app  names the instance in failure messages
     * @param base where the app's HTTP port is reached from here: its process, or a port-forward to its pod
     */
    public FaultSwitch(String app, URI base) {
        this.app = app;
        this.base = base;
    }

    /** From now on, {@code share} (0 to 1) of the calls the app answers fail with UNAVAILABLE. */
    public void failShare(double share) {
        set(String.format(Locale.ROOT, "{\"errorRate\":%.2f}", share));
    }

    /** Every fault off, as {@code {}} switches them all off. */
    public void heal() {
        set("{}");
    }

    /** Sets the faults as written, e.g. {@code {"errorRate":0.3}} or {@code {"latency":"300ms"}}. */
    public void set(String fault) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/fault")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(fault)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(app + " refused PUT /fault " + fault + " with " + answer.statusCode()
                        + ": " + answer.body() + (answer.statusCode() == 404
                        ? " (was it started with logic.fault.switch-enabled=true?)" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PUT /fault on " + app + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching " + app + "'s fault", e);
        }
    }
}
