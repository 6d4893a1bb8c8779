package demo.mesh.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A scenario run against one local mesh for the whole class: started once by {@link #startMesh()}, stopped after
 * the last test however the tests end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalMeshScenario {

    protected LocalMesh mesh;

    /** Starts the mesh this scenario needs: its name, split and releases. */
    abstract LocalMesh startMesh() throws Exception;

    @BeforeAll
    void startTheMesh() throws Exception {
        mesh = startMesh();
    }

    @AfterAll
    void stopTheMesh() throws InterruptedException {
        if (mesh != null) {
            mesh.close();
        }
    }
}
