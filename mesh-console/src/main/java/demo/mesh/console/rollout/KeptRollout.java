package demo.mesh.console.rollout;

/** A rollout as read from its VirtualService, and the resourceVersion to write it back with. */
public record KeptRollout(Rollout rollout, String resourceVersion) {

    /** Whether a tick has anything to do: a plan to start, a rollout to drive, or a write of its own to finish. */
    boolean active() {
        RolloutProgress progress = rollout.progress();
        return progress.state() == null || progress.state().running() || progress.previousWeights() != null;
    }
}
