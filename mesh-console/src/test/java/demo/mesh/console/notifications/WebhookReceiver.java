package demo.mesh.console.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on a loopback port, as Slack or a chat bridge would be: it keeps every body posted to it and
 * answers as the test scripts it — a status, or no answer at all until {@link #close()} (a receiver that hangs).
 * Unscripted requests get 200.
 */
final class WebhookReceiver implements AutoCloseable {

    /** Scripted instead of a status: hold the request without answering. */
    static final int HANG = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::receive);
        // Several threads, so that a hanging request does not keep the next one from being received.
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The URL a webhook's secret would hold, with a path standing for the secret part. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/B000/secret-token";
    }

    /** Answers the next requests with {@code statuses} in turn ({@link #HANG}: none), then with 200 again. */
    void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** Every body received, oldest first, whatever it was answered. */
    List<JsonNode> received() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String body : bodies) {
            try {
                parsed.add(JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException("the receiver got a body that is not JSON: " + body, e);
            }
        }
        return parsed;
    }

    void clear() {
        bodies.clear();
        answers.clear();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer answer = answers.poll();
            int status = answer == null ? 200 : answer;
            if (status == HANG) {
                awaitClosing();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private void awaitClosing() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
