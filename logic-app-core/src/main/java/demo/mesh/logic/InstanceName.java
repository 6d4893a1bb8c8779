package demo.mesh.logic;

import io.micronaut.grpc.server.GrpcServerConfiguration;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The instance name put in every answer: the configured one (the pod name in a cluster), else host and gRPC port,
 * which tells two local processes on one machine apart.
 */
@Singleton
public class InstanceName {
    private final String value;

    public InstanceName(LogicProperties logic, GrpcServerConfiguration grpc) {
        this.value = logic.instance() != null && !logic.instance().isBlank()
                ? logic.instance()
                : hostName() + ":" + grpc.getServerPort();
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
