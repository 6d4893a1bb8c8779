package demo.mesh.console.local;

import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeRecord;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Local mode's record of changes, kept beside the state file so that history and revert work after a restart, as
 * the Kubernetes Events do in a cluster. One JSON object per line, oldest first, so {@code tail} shows the latest.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "local")
class LocalChangeLog implements ChangeLog {

    /** Unlike Events, nothing expires a local file: keep the newest changes, enough for any session of the demo. */
    static final int KEPT_CHANGES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(LocalChangeLog.class);

    private final Path file;
    private final JsonMapper json;
    private List<ChangeRecord> records;

    LocalChangeLog(LocalModeConfiguration configuration, JsonMapper json) {
        this.file = configuration.historyFile();
        this.json = json;
        this.records = read();
    }

    @Override
    public synchronized void record(RouteRef ref, String route, Map<String, Integer> before, Map<String, Integer> after,
                                    String user, @Nullable String reason) {
        String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        List<ChangeRecord> next = new ArrayList<>(records);
        next.add(new ChangeRecord(time, ref.namespace(), ref.name(), route, before, after, user,
                ChangeRecord.describe(ref, route, before, after, user, reason), reason));
        next = List.copyOf(next.subList(Math.max(0, next.size() - KEPT_CHANGES), next.size()));
        try {
            StringBuilder lines = new StringBuilder();
            for (ChangeRecord record : next) {
                lines.append(json.writeValueAsString(record)).append('\n');
            }
            AtomicFile.write(file, lines.toString());
        } catch (IOException e) {
            throw RoutingException.unavailable("cannot write the history to " + file + " (" + e.getMessage() + ")", e);
        }
        records = next;
    }

    @Override
    public synchronized List<ChangeRecord> history(RouteRef ref) {
        List<ChangeRecord> newestFirst = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            ChangeRecord record = records.get(i);
            if (Objects.equals(record.namespace(), ref.namespace()) && Objects.equals(record.name(), ref.name())) {
                newestFirst.add(record);
            }
        }
        return newestFirst;
    }

    private List<ChangeRecord> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the history of local mode", e);
        }
        List<ChangeRecord> read = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                read.add(json.readValue(lines.get(i), ChangeRecord.class));
            } catch (IOException | RuntimeException e) {
                // Hand-edited, most likely: losing one entry of the history is better than refusing to start.
                LOG.warn("{} line {} is not a recorded change and is left out of the history: {}", file, i + 1, e.getMessage());
            }
        }
        return List.copyOf(read);
    }
}
