package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Durable record of the splits the console applied, kept where it outlives the console's pod (Kubernetes Events
 * in Kubernetes mode).
 */
public interface ChangeLog {

    /** Records one applied change; {@code time} is filled in by the log; {@code reason} may be null. */
    void record(RouteRef ref, String route, Map<String, Integer> before,
                Map<String, Integer> after, String user, @Nullable String reason);

    /** The recorded changes of one VirtualService, newest first. */
    List<ChangeRecord> history(RouteRef ref);
}
