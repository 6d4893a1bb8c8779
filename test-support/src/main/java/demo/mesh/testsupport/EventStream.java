package demo.mesh.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Follows one of the console's Server-Sent Event streams the way a page's EventSource does, on a thread of its own:
 * every event with its name and data (parsed as JSON), and every comment line.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name ("message" when it has none) and its data. */
    public record Received(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** To connect and to receive the answer's headers; the stream itself lasts as long as the test keeps it. */
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final int status;
    private final HttpHeaders headers;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.headers = response.headers();
        this.lines = response.body();
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream at {@code path}; a refused stream is returned too, with its status and nothing to read. */
    public static EventStream open(URI console, String path) {
        HttpRequest request = HttpRequest.newBuilder(console.resolve(path)).header("Accept", "text/event-stream")
                .timeout(OPEN_TIMEOUT).build();
        try {
            // A client per stream, as each page has its own connection.
            HttpClient http = HttpClient.newBuilder().connectTimeout(OPEN_TIMEOUT).build();
            return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + request.uri(), e);
        }
    }

    /** Opens {@code /api/events} and waits for its "connected" comment, so no change made afterwards is missed. */
    public static EventStream routeChanges(URI console) {
        EventStream stream = open(console, "/api/events");
        if (stream.status() != 200) {
            throw new AssertionError("/api/events answered " + stream.status());
        }
        await("the console's event stream to open").atMost(Duration.ofSeconds(10))
                .until(() -> stream.comments.contains("connected"));
        return stream;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Every event so far, in the order received. */
    public List<Received> events() {
        return List.copyOf(events);
    }

    /** The data of every event with this name, in the order received. */
    public List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Received::data).toList();
    }

    /** Waits for an event, of any name, whose data matches, and returns that data. */
    public JsonNode awaitEvent(String description, Duration timeout, Predicate<JsonNode> matches) {
        return await(description).atMost(timeout)
                .until(() -> events.stream().map(Received::data).filter(matches).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() {
        lines.close();
    }

    private void read() {
        String name = "message";
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && line.length() > "data:".length()) {
                    events.add(new Received(name, data(line.substring("data:".length()))));
                } else if (line.isEmpty()) {
                    name = "message";
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // The stream was closed, by the test or by the console.
        }
    }

    private static JsonNode data(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }
}
