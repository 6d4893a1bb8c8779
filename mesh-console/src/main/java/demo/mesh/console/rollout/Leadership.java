package demo.mesh.console.rollout;

/** Whether this console is the one that drives rollouts; the others serve the page and the API. */
public interface Leadership {

    boolean leader();
}
