package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** {@code GET /api/events} held open as the console page holds it, every line kept as it arrives. */
final class EventStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Stream<String> stream;

    private EventStream(Stream<String> stream) {
        this.stream = stream;
        Thread reader = new Thread(() -> stream.forEach(lines::add), "console-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream and waits for the console's {@code : connected} comment, so no later change is missed. */
    static EventStream open(URI console) {
        HttpRequest request = HttpRequest.newBuilder(console.resolve("/api/events"))
                .header("Accept", "text/event-stream").timeout(CONNECT_TIMEOUT).build(); // until the headers arrive
        try {
            Stream<String> body = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.ofLines()).body();
            EventStream events = new EventStream(body);
            await("the console's event stream to open").atMost(CONNECT_TIMEOUT)
                    .until(() -> events.lines.contains(": connected"));
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + request.uri(), e);
        }
    }

    /** Waits for a {@code route} event whose data matches, and returns that data. */
    JsonNode awaitRouteEvent(String description, Duration timeout, Predicate<JsonNode> matches) {
        return await(description).atMost(timeout).until(() -> routeEvents().filter(matches).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private Stream<JsonNode> routeEvents() {
        return lines.stream().filter(line -> line.startsWith("data:")).map(line -> {
            try {
                return JSON.readTree(line.substring("data:".length()));
            } catch (IOException e) {
                throw new AssertionError("the console sent an event that is not JSON: " + line, e);
            }
        });
    }

    @Override
    public void close() {
        stream.close();
    }
}
