package demo.mesh.logic;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line at start-up that says what this process is and where it listens. The HTTP and the gRPC server each
 * announce their start; the line is written once both ports are known, as bound: started on port 0 (gRPC) or -1
 * (HTTP), it tells which ports the process got ({@code gRPC port N, HTTP port N}).
 */
@Singleton
public class StartupLog implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

    private final LogicService logic;
    private final InstanceName instance;
    private final FaultInjector faults;
    private final boolean faultSwitch;
    private final Environment environment;
    private Integer grpcPort;
    private Integer httpPort;

    public StartupLog(LogicService logic, InstanceName instance, FaultInjector faults, FaultProperties fault,
                      Environment environment) {
        this.logic = logic;
        this.instance = instance;
        this.faults = faults;
        this.faultSwitch = fault.switchEnabled();
        this.environment = environment;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        if (server instanceof GrpcEmbeddedServer) {
            grpcPort = server.getPort();
        } else {
            httpPort = server.getPort();
        }
        if (grpcPort != null && httpPort != null) {
            LOG.info("logic-app {} instance {} ready: gRPC port {}, HTTP port {}, environments {}, fault {}{}",
                    logic.version(), instance.value(), grpcPort, httpPort, environment.getActiveNames(),
                    faults.current(), faultSwitch ? " (switch on: GET|PUT /fault)" : "");
        }
    }
}
