package demo.mesh.console.rollout;

import java.util.Map;

/** Rollouts that tick often and a Lease that changes hands within seconds, so tests wait little. */
public final class RolloutTestSettings {

    private RolloutTestSettings() {
    }

    /** @param spec the test class, whose name switches on the scripted metrics and the movable clock */
    public static Map<String, String> fastRollouts(Class<?> spec, String identity) {
        return Map.of(
                "spec.name", spec.getSimpleName(),
                "mesh-console.rollout.tick", "100ms",
                "mesh-console.rollout.identity", identity,
                "mesh-console.rollout.lease-duration", "3s",
                "mesh-console.rollout.renew-deadline", "2s",
                "mesh-console.rollout.retry-period", "200ms");
    }
}
