package demo.mesh.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Whether a Docker engine answers, asked directly on its socket with a short timeout: a Docker client with no
 * engine behind it can otherwise leave a test waiting for minutes.
 */
final class DockerEngine {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private DockerEngine() {
    }

    /** Why no engine answers on {@code DOCKER_HOST} (or the default socket), or empty when one does. */
    static Optional<String> unreachableReason() {
        String host = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank()).orElse(DEFAULT_HOST);
        try {
            boolean answered;
            if (host.startsWith("unix://")) {
                answered = pingUnixSocket(host.substring("unix://".length()));
            } else if (host.startsWith("tcp://")) {
                answered = pingTcp(host.substring("tcp://".length()));
            } else {
                return Optional.empty(); // e.g. ssh://: leave it to the docker CLI, which knows how to get there
            }
            return answered ? Optional.empty() : Optional.of("the Docker engine at " + host + " did not answer /_ping");
        } catch (Exception e) {
            return Optional.of("no Docker engine at " + host + " (" + e + ")");
        }
    }

    private static boolean pingUnixSocket(String path) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "docker-ping");
            thread.setDaemon(true);
            return thread;
        });
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A blocking channel has no read timeout: wait for the answer on another thread, for a bounded time.
            Future<String> reply = executor.submit(() -> exchange(channel, path));
            return reply.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).matches("(?s)HTTP/1\\.[01] 200.*");
        } finally {
            executor.shutdownNow();
        }
    }

    private static String exchange(SocketChannel channel, String path) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(path));
        // HTTP/1.0: the engine closes the connection after its answer, so reading to the end is enough.
        String ping = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n";
        channel.write(ByteBuffer.wrap(ping.getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (channel.read(buffer) >= 0 && answer.size() < 64 * 1024) {
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return answer.toString(StandardCharsets.US_ASCII);
    }

    private static boolean pingTcp(String hostAndPort) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PING_TIMEOUT).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + hostAndPort + "/_ping"))
                .timeout(PING_TIMEOUT).build();
        return client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
