package demo.mesh.console.rollout;

import demo.mesh.console.routing.ChangeNotice;

/**
 * Where a rollout announces what did not move a weight — a verdict, a pause, a resume — beside the
 * {@link demo.mesh.console.routing.ChangeLog}s, which hear of every weight it moves. In a cluster: Kubernetes Events
 * on the VirtualService; webhooks where configured. It must not block: a rollout action waits for it.
 */
public interface RolloutEvents {

    /** @param notice the route's split as the rollout last set it, before and after alike */
    void announce(ChangeNotice notice);
}
