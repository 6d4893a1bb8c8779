package demo.mesh.system;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scenario run against one local mesh for the whole class: started once by {@link #startMesh()} and stopped after
 * the last test however the tests end. A scenario that leaves the mesh as it found it (every split it shifts shifted
 * back, every fault it switches on healed, a console it stops started again) may name a mesh to share with others
 * that do: the first of them to run starts it, and it stops when the test run ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalMeshScenario.Meshes.class)
abstract class LocalMeshScenario {

    protected LocalMesh mesh;

    /** Starts the mesh this scenario needs: its name, split and releases. */
    abstract LocalMesh startMesh() throws Exception;

    /**
     * The name of the mesh this scenario shares with others, each of which must start the same mesh in
     * {@link #startMesh()}; empty (the default): a mesh of its own.
     */
    String sharedMesh() {
        return "";
    }

    /** Starts each scenario's mesh, or finds the shared one; stops a mesh of its own after the scenario. */
    static final class Meshes implements BeforeAllCallback, AfterAllCallback {
        private static final ExtensionContext.Namespace SHARED =
                ExtensionContext.Namespace.create(LocalMeshScenario.class);

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            LocalMeshScenario scenario = (LocalMeshScenario) context.getRequiredTestInstance();
            if (scenario.sharedMesh().isEmpty()) {
                scenario.mesh = scenario.startMesh();
                return;
            }
            // The root context's store outlives every class and closes what it holds when the run ends.
            ExtensionContext.Store store = context.getRoot().getStore(SHARED);
            Running running = store.get(scenario.sharedMesh(), Running.class);
            if (running == null) {
                running = new Running(scenario.startMesh());
                store.put(scenario.sharedMesh(), running);
            }
            scenario.mesh = running.mesh();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            LocalMeshScenario scenario = (LocalMeshScenario) context.getRequiredTestInstance();
            if (scenario.sharedMesh().isEmpty() && scenario.mesh != null) {
                scenario.mesh.close();
            }
        }
    }

    private record Running(LocalMesh mesh) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            mesh.close();
        }
    }
}
