package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** Follows {@code GET /api/load/stream} the way a page's EventSource does, keeping every named event it gets. */
final class LoadStreamReader implements AutoCloseable {

    /** One Server-Sent Event: its name and its JSON data. */
    record Received(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final int status;

    private LoadStreamReader(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        Thread reader = new Thread(this::read, "load-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; a refused stream is returned too, with its status and nothing to read. */
    static LoadStreamReader open(URI console) {
        HttpRequest request = HttpRequest.newBuilder(console.resolve("/api/load/stream"))
                .header("Accept", "text/event-stream").build();
        try {
            return new LoadStreamReader(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the stream and waits for the status it starts with, so nothing published afterwards is missed. */
    static LoadStreamReader connected(URI console) {
        LoadStreamReader reader = open(console);
        if (reader.status() != 200) {
            throw new AssertionError("load stream answered " + reader.status());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !reader.named("status").isEmpty());
        return reader;
    }

    int status() {
        return status;
    }

    /** The data of every event with this name, in the order received. */
    List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Received::data).toList();
    }

    /**
     * The events of this name sent after the stream announced the latest run: earlier ones are replays for late
     * joiners or the tail of a previous run.
     */
    List<JsonNode> ofLatestRun(String name) {
        List<JsonNode> found = new ArrayList<>();
        for (Received event : events) {
            if (event.name().equals("status") && event.data().path("running").asBoolean()) {
                found.clear();
            } else if (event.name().equals(name)) {
                found.add(event.data());
            }
        }
        return found;
    }

    @Override
    public void close() {
        lines.close();
    }

    private void read() {
        String name = "message";
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && line.length() > "data:".length()) {
                    events.add(new Received(name, JSON.readTree(line.substring("data:".length()))));
                } else if (line.isEmpty()) {
                    name = "message";
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // The stream was closed, by the test or by the console.
        }
    }
}
