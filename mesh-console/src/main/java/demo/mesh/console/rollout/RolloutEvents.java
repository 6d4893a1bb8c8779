package demo.mesh.console.rollout;

import demo.mesh.console.routing.RouteRef;

/**
 * Where a rollout announces what did not move a weight — a verdict, a pause, a resume — beside the route's history,
 * which records every weight it moves. In a cluster: Kubernetes Events on the VirtualService.
 */
public interface RolloutEvents {

    void announce(RouteRef ref, String message);
}
