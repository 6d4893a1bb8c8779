package demo.mesh.console.routing;

/**
 * Where changes are announced beyond the history kept with the route: Kubernetes Events in Kubernetes mode (for
 * {@code kubectl describe} and {@code kubectl get events}), webhooks where configured. Every such log hears of every
 * applied split; a log that also implements the rollouts' notes hears of what a rollout did without moving a weight.
 * It must neither block nor throw: it is called in the request that made the change, which is done by then.
 */
public interface ChangeLog {

    /** Announces one applied change of a split. */
    void record(ChangeNotice notice);

    /** Announces one applied header canary change in front of split {@code route}. */
    void recordHeaderCanary(RouteRef ref, String route, HeaderCanaryChange change, String user);
}
