package demo.mesh.console.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A stand-in for access-app on a loopback port: a plain JDK HTTP server that answers {@code GET /api/hello} the way
 * access-app does, following a script of request numbers ("v1 for the first 30, then v2"). It records what it was
 * asked and what it answered, so tests can compare the console's counts with the truth.
 */
final class FakeAccessApp implements AutoCloseable {

    /** What to answer to one request; {@code location} is set on redirects only. */
    record Answer(int status, String version, Duration delay, URI location) {

        static Answer version(String version) {
            return new Answer(200, version, Duration.ZERO, null);
        }

        static Answer status(int status) {
            return new Answer(status, null, Duration.ZERO, null);
        }

        /** An answer that comes too late for the console's per-request timeout. */
        static Answer slow(String version, Duration delay) {
            return new Answer(200, version, delay, null);
        }

        /** A 200 whose body has no version, as a misconfigured edge might send. */
        static Answer withoutVersion() {
            return new Answer(200, null, Duration.ZERO, null);
        }

        /** A 302 to somewhere else, as a compromised or misconfigured target might send. */
        static Answer redirect(URI location) {
            return new Answer(302, null, Duration.ZERO, location);
        }
    }

    /** One answer given, with the wall-clock time it was sent. */
    record Served(String requestUri, Answer answer, long atMillis) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger received = new AtomicInteger();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private volatile IntFunction<Answer> script = n -> Answer.version("v1");

    FakeAccessApp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL to configure as {@code mesh-console.load.target}. */
    URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/hello?name=console");
    }

    /** From now on, answer request number n (counted from 0 at this call) with {@code script.apply(n)}. */
    void answer(IntFunction<Answer> newScript) {
        received.set(0);
        served.clear();
        script = newScript;
    }

    /** From now on, answer every request with this version, keeping the count of requests. */
    void switchTo(String version) {
        script = n -> Answer.version(version);
    }

    int received() {
        return received.get();
    }

    List<Served> served() {
        return List.copyOf(served);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = script.apply(received.getAndIncrement());
            if (!answer.delay().isZero()) {
                pause(answer.delay());
            }
            String body = answer.status() != 200 ? "{\"error\":\"unavailable\",\"detail\":\"scripted failure\"}"
                    : answer.version() == null ? "{\"message\":\"Hello, console!\"}"
                    : "{\"message\":\"Hello, console!\",\"version\":\"" + answer.version() + "\",\"instance\":\"fake:1\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location().toString());
            }
            served.add(new Served(exchange.getRequestURI().toString(), answer, System.currentTimeMillis()));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The slowness being simulated: the fake is a slow server, not a test waiting for something. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
