package demo.mesh.console.rollout;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Local mode runs one console over one state file: it always leads. */
@Singleton
@Requires(property = "mesh-console.mode", value = "local")
class SoleConsole implements Leadership {

    @Override
    public boolean leader() {
        return true;
    }

    @Override
    public String actor() {
        return "rollout";
    }
}
