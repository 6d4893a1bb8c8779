package demo.mesh.console.rollout;

import demo.mesh.console.kubernetes.EventRecorder;
import demo.mesh.console.routing.ChangeNotice;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Each rollout verdict and action as a Kubernetes Event on its VirtualService ({@code kubectl describe vs}); a pause
 * is a Warning. The rollout itself is kept with the route: a lost Event costs a line in kubectl describe, nothing more.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
class KubernetesRolloutEvents implements RolloutEvents {

    static final String REASON = "GuardedRollout";

    private final EventRecorder events;

    KubernetesRolloutEvents(EventRecorder events) {
        this.events = events;
    }

    @Override
    public void announce(ChangeNotice notice) {
        EventRecorder.Type type = RolloutCause.PAUSED.equals(notice.cause().kind())
                ? EventRecorder.Type.Warning : EventRecorder.Type.Normal;
        events.record(new EventRecorder.VirtualServiceEvent(notice.ref(), type, REASON, "GuardedRollout",
                notice.cause().reason(), Map.of()));
    }
}
