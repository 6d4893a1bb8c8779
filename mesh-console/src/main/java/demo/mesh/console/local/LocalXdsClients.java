package demo.mesh.console.local;

import demo.mesh.xds.Acknowledgement;
import demo.mesh.xds.XdsClientStatus;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The read side of the local data plane's xDS server: where it listens and what its clients did with the routing. */
@Singleton
@Requires(property = "mesh-console.mode", value = "local")
public class LocalXdsClients {

    private final LocalDataPlane dataPlane;

    LocalXdsClients(LocalDataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    /** The loopback port the xDS server listens on: the one bound, also when it was configured as 0. */
    public int port() {
        return dataPlane.xdsServer().port();
    }

    public List<XdsClientStatus> clients() {
        return dataPlane.xdsServer().clients();
    }

    public Optional<Acknowledgement> acknowledgement() {
        return dataPlane.xdsServer().acknowledgement();
    }

    /** {@code listener} runs after each change, on the thread that made it (gRPC's, or a publishing one); close the result to stop. */
    public AutoCloseable onChange(Runnable listener) {
        return dataPlane.xdsServer().onClientsChanged(listener);
    }
}
