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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few Docker Engine API calls the preflight makes, over the transport Testcontainers itself uses. Each call,
 * answer included, is bounded by the timeout given: the transport's own response timeout does not apply to Unix
 * sockets, and an engine that accepts a connection but never answers would otherwise hold the build for good.
 */
final class DockerApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration timeout;
    private final DockerHttpClient http;

    DockerApi(URI host, Duration timeout) {
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

    /** Pulls {@code image} (name:tag) unless the engine has it; empty when it is here, else why it is not. */
    Optional<String> pullUnlessPresent(String image) {
        if (localImages().contains(image)) {
            return Optional.empty();
        }
        Answer pulled = call("POST", "/images/create?fromImage=" + URLEncoder.encode(image, StandardCharsets.UTF_8), null);
        if (pulled.status() != 200) {
            return Optional.of(pulled.message());
        }
        // A pull answers 200 at once and reports progress, and any failure, as one JSON object per line.
        return pulled.text().lines().map(DockerApi::readJson).map(progress -> progress.path("error").asText(""))
                .filter(error -> !error.isEmpty()).findFirst();
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

    /** An answer read to its end. */
    private record Answer(int status, String text) {
        /** The body as JSON; missing when there was none or it was plain text (/_ping answers "OK"). */
        JsonNode json() {
            return readJson(text);
        }

        String message() {
            return json().path("message").asText("HTTP " + status);
        }
    }

    private Answer call(String method, String path, JsonNode body) {
        Request.Builder request = Request.builder().method(method).path(path);
        if (body != null) {
            request.putHeader("Content-Type", "application/json")
                    .bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return Bounded.call(method + " " + path, timeout, () -> {
            try (Response response = http.execute(request.build())) {
                return new Answer(response.getStatusCode(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
        });
    }

    private static JsonNode readJson(String text) {
        try {
            return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
