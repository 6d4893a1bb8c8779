package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One weighted destination of an HTTP route: a subset of a host, or a whole host for host-based splits. */
@Serdeable
public record Destination(String host, @Nullable String subset, int weight) {

    /** The key callers use in {@code weights}: the subset, or the host when the split is between hosts. */
    public String key() {
        return subset != null ? subset : host;
    }
}
