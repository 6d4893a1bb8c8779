package demo.mesh.console.rollout;

/** Whether this console is the one that drives rollouts; the others serve the page and the API. */
public interface Leadership {

    boolean leader();

    /**
     * Who the route's history names for what rollouts do by themselves: {@code rollout}, or
     * {@code rollout@<replica>} where several replicas stand for the Lease, so the record shows which one led.
     */
    String actor();
}
