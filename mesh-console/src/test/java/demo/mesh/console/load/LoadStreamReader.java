package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.EventStream;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Follows {@code GET /api/load/stream} the way a page's EventSource does, keeping every named event it gets. */
final class LoadStreamReader implements AutoCloseable {

    private final EventStream stream;

    private LoadStreamReader(EventStream stream) {
        this.stream = stream;
    }

    /** Opens the stream; a refused stream is returned too, with its status and nothing to read. */
    static LoadStreamReader open(URI console) {
        return new LoadStreamReader(EventStream.open(console, "/api/load/stream"));
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
        return stream.status();
    }

    /** The data of every event with this name, in the order received. */
    List<JsonNode> named(String name) {
        return stream.named(name);
    }

    /**
     * The events of this name sent after the stream announced the latest run: earlier ones are replays for late
     * joiners or the tail of a previous run.
     */
    List<JsonNode> ofLatestRun(String name) {
        List<JsonNode> found = new ArrayList<>();
        for (EventStream.Received event : stream.events()) {
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
        stream.close();
    }
}
