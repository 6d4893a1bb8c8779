package demo.mesh.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a Docker engine answers here, and the few Engine API calls the tests' preflights make, asked directly on
 * the engine's socket (Unix or plain TCP) with every call bounded: a Docker client or Testcontainers with no engine
 * behind it has been seen to wait for minutes, and an engine that accepts a connection but never answers would hold
 * the build for good. HTTP/1.0, so that the engine closes the connection after each answer and reading to the end is
 * enough.
 */
public final class DockerProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final URI host;
    private final Duration timeout;

    /** The engine at {@code host} ({@code unix://} or {@code tcp://}), each call bounded by {@code timeout}. */
    public DockerProbe(URI host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /** Why no engine answers at DOCKER_HOST or at a default socket, or empty when one does (or cannot be checked). */
    public static Optional<String> whyUnreachable() {
        return whyUnreachable(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static Optional<String> whyUnreachable(Map<String, String> env, Path home) {
        Optional<URI> host = host(env, home);
        if (host.isEmpty()) {
            return Optional.of("no Docker engine: DOCKER_HOST is not set and there is no socket at any of "
                    + defaultSockets(env, home));
        }
        return checkable(host.get(), env) ? unreachable(host.get()) : Optional.empty();
    }

    /** Why no engine answers {@code /_ping} at {@code host} within 2 s, if none does. */
    public static Optional<String> unreachable(URI host) {
        try {
            return new DockerProbe(host, PING_TIMEOUT).call("GET", "/_ping", null).status() == 200 ? Optional.empty()
                    : Optional.of("the Docker engine at " + host + " did not answer /_ping with 200");
        } catch (RuntimeException e) {
            return Optional.of("no Docker engine answers at " + host + ": " + e.getMessage());
        }
    }

    /** DOCKER_HOST, else the first socket that exists where Testcontainers and the docker CLI also look for one. */
    public static Optional<URI> host(Map<String, String> env, Path home) {
        String configured = env.get("DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(URI.create(configured));
        }
        return defaultSockets(env, home).stream().filter(Files::exists).findFirst()
                .map(socket -> URI.create("unix://" + socket));
    }

    /** Whether this probe can speak to {@code host}: ssh:// and TLS are left to the tools that know how. */
    public static boolean checkable(URI host, Map<String, String> env) {
        boolean tls = env.getOrDefault("DOCKER_TLS_VERIFY", "").matches("1|true");
        return "unix".equals(host.getScheme()) || ("tcp".equals(host.getScheme()) && !tls);
    }

    private static List<Path> defaultSockets(Map<String, String> env, Path home) {
        Stream<Path> sockets = Stream.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        return Stream.concat(sockets, runtimeDir == null ? Stream.empty() : Stream.of(Path.of(runtimeDir, "docker.sock")))
                .toList();
    }

    /** The names (repository:tag) of the images the engine already has. */
    public List<String> localImages() {
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
    public Optional<String> pullUnlessPresent(String image) {
        if (localImages().contains(image)) {
            return Optional.empty();
        }
        Answer pulled = call("POST", "/images/create?fromImage=" + URLEncoder.encode(image, StandardCharsets.UTF_8), null);
        if (pulled.status() != 200) {
            return Optional.of(pulled.message());
        }
        // A pull answers 200 at once and reports progress, and any failure, as one JSON object per line.
        return pulled.text().lines().map(DockerProbe::readJson).map(progress -> progress.path("error").asText(""))
                .filter(error -> !error.isEmpty()).findFirst();
    }

    /**
     * Runs {@code entrypoint} in a new container of {@code image}, waits for it to exit and removes it.
     *
     * @return empty when it ran and exited 0, else what the engine or the process said went wrong
     */
    public Optional<String> run(String image, List<String> entrypoint, boolean privileged) {
        ObjectNode spec = JSON.createObjectNode().put("Image", image);
        entrypoint.forEach(spec.putArray("Entrypoint")::add);
        spec.putArray("Cmd");
        spec.putObject("Labels").put("demo.mesh", "docker-probe");
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
        byte[] content = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.0\r\nHost: docker\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        SocketChannel channel = open();
        try (channel) {
            // A blocking channel has no read timeout: the exchange runs on a thread of its own, for a bounded time.
            return Bounded.call(method + " " + path + " on " + host, timeout, () -> {
                channel.connect(address());
                channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                channel.write(ByteBuffer.wrap(content));
                return parse(readToEnd(channel));
            });
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private SocketChannel open() {
        try {
            return SocketChannel.open("unix".equals(host.getScheme()) ? StandardProtocolFamily.UNIX
                    : StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a socket for " + host + ": " + e.getMessage(), e);
        }
    }

    private SocketAddress address() {
        return switch (host.getScheme()) {
            case "unix" -> UnixDomainSocketAddress.of(host.getPath());
            case "tcp" -> new InetSocketAddress(host.getHost(), host.getPort());
            default -> throw new IllegalArgumentException("cannot reach a Docker engine at " + host
                    + ": only unix:// and tcp:// are probed");
        };
    }

    private static byte[] readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return answer.toByteArray();
    }

    /** "HTTP/1.0 200 OK", headers, a blank line, the body. */
    private Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] statusLine = text.substring(0, Math.max(0, text.indexOf("\r\n"))).split(" ");
        if (end < 0 || statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalStateException(host + " did not answer in HTTP: "
                    + text.substring(0, Math.min(text.length(), 200)));
        }
        return new Answer(Integer.parseInt(statusLine[1]), text.substring(end + 4));
    }

    private static JsonNode readJson(String text) {
        try {
            return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
