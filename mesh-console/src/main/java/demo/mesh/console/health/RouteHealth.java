package demo.mesh.console.health;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link TrafficMetrics} source saw of each version of one route over one window. */
public record RouteHealth(String source, Duration window, Map<String, VersionHealth> versions) {

    public RouteHealth {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The figures of {@code version}, or {@link VersionHealth#NO_CALLS} when the source saw none. */
    public VersionHealth of(String version) {
        return versions.getOrDefault(version, VersionHealth.NO_CALLS);
    }
}
