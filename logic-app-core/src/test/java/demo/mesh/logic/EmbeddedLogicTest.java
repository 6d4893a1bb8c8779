package demo.mesh.logic;

import io.micronaut.grpc.server.GrpcEmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test of the app's embedded gRPC server through one real client channel, opened once per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmbeddedLogicTest {
    @Inject
    GrpcEmbeddedServer server;
    protected LogicChannel logic;

    @BeforeAll
    void openChannel() {
        logic = new LogicChannel(server);
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        logic.close();
    }
}
