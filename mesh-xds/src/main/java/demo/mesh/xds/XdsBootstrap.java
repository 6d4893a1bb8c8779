package demo.mesh.xds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.net.HostAndPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The grpc-xds bootstrap that points a client's {@code xds:///} channels at an {@link XdsServer}. gRPC reads it once
 * per JVM, before the first xDS channel: from the {@value #ENVIRONMENT_VARIABLE} environment variable or the
 * {@value #SYSTEM_PROPERTY} system property (the JSON itself), or from the file named by {@code GRPC_XDS_BOOTSTRAP}.
 *
 * @param serverUri where the xDS server listens, e.g. {@code 127.0.0.1:18000}
 * @param nodeId    how the client names itself to the server (and in its logs), e.g. {@code access-app}
 */
public record XdsBootstrap(String serverUri, String nodeId) {

    public static final String ENVIRONMENT_VARIABLE = "GRPC_XDS_BOOTSTRAP_CONFIG";
    public static final String SYSTEM_PROPERTY = "io.grpc.xds.bootstrapConfig";
    /** The port mesh-console serves xDS on in local mode. */
    public static final int DEFAULT_PORT = 18000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public XdsBootstrap {
        if (!isHostAndPort(serverUri)) {
            throw new IllegalArgumentException("xDS server address '" + serverUri + "' is not HOST:PORT, e.g. 127.0.0.1:18000");
        }
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("node id is required: the client's name in the xDS server's logs, e.g. access-app");
        }
    }

    /**
     * Prints the bootstrap for {@code SERVER_URI NODE_ID}, e.g. {@code 127.0.0.1:18000 access-app}: how the scripts
     * (scripts/lib.sh's {@code xds_bootstrap}, through mesh-console's jar) and system-tests' local mesh get the
     * {@value #ENVIRONMENT_VARIABLE} they hand to access-app, so that the JSON is written in this one place.
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp mesh-console.jar " + XdsBootstrap.class.getName()
                    + " SERVER_URI NODE_ID   (e.g. 127.0.0.1:18000 access-app)");
            System.exit(2);
        }
        System.out.println(new XdsBootstrap(args[0], args[1]).toJson());
    }

    /** A client of the xDS server on this machine's loopback. */
    public static XdsBootstrap local(int port, String nodeId) {
        return new XdsBootstrap("127.0.0.1:" + port, nodeId);
    }

    public String toJson() {
        Map<String, Object> bootstrap = Map.of(
                "xds_servers", List.of(Map.of(
                        "server_uri", serverUri,
                        // Plain text, as the local control plane is: mTLS between workloads comes with the cluster.
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
                "node", Map.of("id", nodeId));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bootstrap);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a bootstrap of strings and lists", e);
        }
    }

    /** Writes the bootstrap for {@code GRPC_XDS_BOOTSTRAP=<file>}. */
    public Path writeTo(Path file) {
        try {
            return Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the xDS bootstrap", e);
        }
    }

    private static boolean isHostAndPort(String address) {
        try {
            return address != null && HostAndPort.fromString(address).hasPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
