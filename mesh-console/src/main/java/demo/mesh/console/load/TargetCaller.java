package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls the configured target once and says who answered. The JDK client rather than a declarative Micronaut
 * client: this is one fixed URL fired at a paced rate, each call needs its own deadline, and every way it can
 * end (status, timeout, refused connection) must become a label instead of an exception.
 */
@Singleton
public class TargetCaller {

    /** A version label longer than this is not one of ours; cut it so a broken target cannot fill the counts. */
    private static final int MAX_VERSION_LENGTH = 40;

    private final HttpClient http;
    private final HttpRequest request;
    private final JsonMapper jsonMapper;

    public TargetCaller(LoadConfiguration configuration, JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        // Redirects are not followed: the generator calls the configured URL and nothing else.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(configuration.requestTimeout())
                .build();
        this.request = HttpRequest.newBuilder(configuration.target())
                .timeout(configuration.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    /** Completes with the outcome, never exceptionally. */
    public CompletableFuture<Outcome> call() {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null ? answered(response) : failed(failure));
    }

    private Outcome answered(HttpResponse<String> response) {
        long now = System.currentTimeMillis();
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            return Outcome.failed("HTTP " + response.statusCode(), now);
        }
        String version = version(response.body());
        return version != null ? Outcome.answeredBy(version, now) : Outcome.failed("answer without version", now);
    }

    @Nullable
    private String version(String body) {
        try {
            JsonNode json = jsonMapper.readValue(body, JsonNode.class);
            JsonNode version = json != null && json.isObject() ? json.get("version") : null;
            if (version == null || !version.isString() || version.getStringValue().isBlank()) {
                return null;
            }
            String text = version.getStringValue();
            return text.length() > MAX_VERSION_LENGTH ? text.substring(0, MAX_VERSION_LENGTH) : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Outcome failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        long now = System.currentTimeMillis();
        if (cause instanceof HttpTimeoutException) {
            return Outcome.failed("timeout", now);
        }
        return Outcome.failed(cause instanceof IOException ? "connection failed" : "call failed", now);
    }
}
