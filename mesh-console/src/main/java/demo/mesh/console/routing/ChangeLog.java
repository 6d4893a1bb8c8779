package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * Where an applied change is announced beyond the history kept with the route (Kubernetes Events in Kubernetes
 * mode, for {@code kubectl describe} and {@code kubectl get events}). Every such log hears of every change.
 */
public interface ChangeLog {

    /** Announces one applied change; {@code reason} may be null. */
    void record(RouteRef ref, String route, Map<String, Integer> before,
                Map<String, Integer> after, String user, @Nullable String reason);

    /** Announces one applied header canary change in front of split {@code route}. */
    void recordHeaderCanary(RouteRef ref, String route, HeaderCanaryChange change, String user);
}
