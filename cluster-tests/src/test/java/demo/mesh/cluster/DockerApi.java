package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few Docker Engine API calls the preflight makes, over the transport Testcontainers itself uses. Each call,
 * answer included, is bounded by the timeout given: the transport's own response timeout does not apply to Unix
 * sockets, and an engine that accepts a connection but never answers would otherwise hold the build for good.
 */
final class DockerApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final URI host;
    private final Duration timeout;
    private final DockerHttpClient http;
    private final ExecutorService caller = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "docker-api");
        thread.setDaemon(true); // a call left waiting past its timeout must not keep the JVM alive
        return thread;
    });

    DockerApi(URI host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
        this.http = new ZerodepDockerHttpClient.Builder().dockerHost(host)
                .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(timeout).build();
    }

    /** Whether the engine answers {@code GET /_ping} with 200. */
    boolean ping() {
        return call("GET", "/_ping", null).status() == 200;
    }

    /** The names (repository:tag) of the images the engine already has. */
    List<String> localImages() {
        List<String> names = new ArrayList<>();
        for (JsonNode image : call("GET", "/images/json", null).json()) {
            image.path("RepoTags").forEach(tag -> {
                if (!tag.asText().startsWith("<none>")) {
                    names.add(tag.asText());
                }
            });
        }
        return names;
    }

    /**
     * Runs {@code entrypoint} in a new container of {@code image}, waits for it to exit and removes it.
     *
     * @return empty when it ran and exited 0, else what the engine or the process said went wrong
     */
    Optional<String> run(String image, List<String> entrypoint, boolean privileged) {
        ObjectNode spec = JSON.createObjectNode().put("Image", image);
        entrypoint.forEach(spec.putArray("Entrypoint")::add);
        spec.putArray("Cmd");
        spec.putObject("Labels").put("demo.mesh", "cluster-tests-preflight");
        spec.putObject("HostConfig").put("Privileged", privileged);
        Answer created = call("POST", "/containers/create", spec);
        if (!created.json().hasNonNull("Id")) {
            return Optional.of(created.message());
        }
        String id = created.json().get("Id").asText();
        try {
            Answer started = call("POST", "/containers/" + id + "/start", null);
            if (started.status() >= 300) {
                return Optional.of(started.message());
            }
            long status = call("POST", "/containers/" + id + "/wait", null).json().path("StatusCode").asLong(-1);
            return status == 0 ? Optional.empty() : Optional.of(String.join(" ", entrypoint) + " exited " + status);
        } finally {
            call("DELETE", "/containers/" + id + "?force=true", null);
        }
    }

    /** An answer read to its end: the status and the JSON body (empty when there was none). */
    private record Answer(int status, JsonNode json) {
        String message() {
            return json.path("message").asText("HTTP " + status);
        }
    }

    private Answer call(String method, String path, JsonNode body) {
        Request.Builder request = Request.builder().method(method).path(path);
        if (body != null) {
            request.putHeader("Content-Type", "application/json")
                    .bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        Future<Answer> answer = caller.submit(() -> {
            try (Response response = http.execute(request.build())) {
                byte[] content = response.getBody().readAllBytes();
                return new Answer(response.getStatusCode(), readJson(content));
            }
        });
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IllegalStateException(method + " " + path + " got no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Docker engine at " + host, e);
        }
    }

    private static JsonNode readJson(byte[] content) {
        try {
            return content.length == 0 ? JSON.missingNode() : JSON.readTree(content);
        } catch (IOException e) {
            // /_ping answers "OK" as plain text; only the status matters there.
            return JSON.missingNode();
        }
    }

    @Override
    public void close() {
        caller.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
