package demo.mesh.console.routing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each VirtualService's recent changes, kept with the VirtualService itself in annotation {@value #ANNOTATION}
 * (a JSON array, newest first), so they last as long as the route and travel with it: in a cluster they outlive
 * the Events the API server deletes after an hour, locally they are in the state file. Written in the same update
 * as the weights, so a change and its record are never apart.
 *
 * <p>Kubernetes allows 256 KiB of annotations per object in all; the history keeps the newest {@value #KEPT}
 * changes and, within them, no more than {@value #MAX_BYTES} bytes, dropping the oldest first.
 */
@Singleton
class RouteHistory {

    static final String ANNOTATION = "mesh-demo.io/history";
    static final int KEPT = 100;
    static final int MAX_BYTES = 96 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RouteHistory.class);
    private static final Argument<List<ChangeRecord>> RECORDS = Argument.listOf(ChangeRecord.class);

    private final JsonMapper json;

    RouteHistory(JsonMapper json) {
        this.json = json;
    }

    /** The recorded changes, newest first; empty when there are none or the annotation was edited into nonsense. */
    List<ChangeRecord> read(VirtualServiceDocument doc) {
        String stored = doc.annotations().get(ANNOTATION);
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            List<ChangeRecord> records = json.readValue(stored, RECORDS);
            return records == null ? List.of() : List.copyOf(records);
        } catch (IOException | RuntimeException e) {
            // Hand-edited, most likely: an unreadable history must not make the route uneditable.
            LOG.warn("Annotation {} of VirtualService {} is not a change history and is ignored: {}", ANNOTATION,
                    doc.ref(), e.getMessage());
            return List.of();
        }
    }

    /** Puts {@code change} first in the document's history, dropping the oldest beyond the caps. */
    void add(VirtualServiceDocument doc, ChangeRecord change) {
        List<ChangeRecord> records = new ArrayList<>();
        records.add(change);
        records.addAll(read(doc));
        List<ChangeRecord> kept = records.subList(0, Math.min(KEPT, records.size()));
        String value = write(kept);
        while (value.length() > MAX_BYTES && kept.size() > 1) {
            kept = kept.subList(0, kept.size() - 1);
            value = write(kept);
        }
        doc.setAnnotation(ANNOTATION, value);
    }

    /** The next entry's identifier: one more than the newest, so identifiers never repeat within a route. */
    String nextId(VirtualServiceDocument doc) {
        return read(doc).stream().findFirst()
                .map(ChangeRecord::id)
                .filter(id -> id != null && id.matches("[0-9]{1,18}"))
                .map(id -> Long.toString(Long.parseLong(id) + 1))
                .orElse("1");
    }

    private String write(List<ChangeRecord> records) {
        try {
            return json.writeValueAsString(records);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the change history as JSON", e);
        }
    }
}
