package demo.mesh.xds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local stand-in for Kubernetes Endpoints: for each Service, which instances answer for each DestinationRule
 * subset. In a cluster Istio finds them by pod labels ({@code version: v1}); locally this file says it directly.
 *
 * @param source   how the file was named to the loader, used in error messages
 * @param services resolved host → subset name → the instances of that subset, in file order
 */
public record LocalEndpoints(String source, Map<ServiceHost, Map<String, List<EndpointAddress>>> services) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public LocalEndpoints {
        Objects.requireNonNull(source, "source");
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** Reads and checks an endpoints file such as {@code local/endpoints.yaml}. */
    public static LocalEndpoints load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the endpoints file", e);
        }
    }

    /** Parses endpoints YAML; {@code source} names it in error messages. */
    public static LocalEndpoints parse(String source, String yaml) {
        EndpointsFile file;
        try {
            file = YAML.readValue(yaml, EndpointsFile.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRoutingException(source, "", "not an endpoints file: " + e.getOriginalMessage());
        }
        if (file == null || file.namespace() == null || file.namespace().isBlank()) {
            throw new InvalidRoutingException(source, "namespace",
                    "is required: the namespace of the short host names below, e.g. mesh-demo");
        }
        if (file.services() == null || file.services().isEmpty()) {
            throw new InvalidRoutingException(source, "services", "is required: list at least one Service and its subsets");
        }
        Map<ServiceHost, Map<String, List<EndpointAddress>>> services = new LinkedHashMap<>();
        file.services().forEach((host, subsets) -> {
            ServiceHost service = ServiceHost.resolve(host, file.namespace()).orElseThrow(() ->
                    new InvalidRoutingException(source, "services." + host, "is not a Service host such as logic-app"));
            services.put(service, subsets(source, host, subsets));
        });
        return new LocalEndpoints(source, services);
    }

    /** The instances of one subset of {@code host}; empty when this file does not list that subset. */
    public List<EndpointAddress> subset(ServiceHost host, String subset) {
        return services.getOrDefault(host, Map.of()).getOrDefault(subset, List.of());
    }

    /** Every instance of {@code host}, whatever its subset: what a destination without a subset reaches. */
    public List<EndpointAddress> all(ServiceHost host) {
        return services.getOrDefault(host, Map.of()).values().stream().flatMap(List::stream).distinct().toList();
    }

    /** The instances behind one cluster. */
    List<EndpointAddress> of(ClusterKey cluster) {
        return cluster.subset() == null ? all(cluster.host()) : subset(cluster.host(), cluster.subset());
    }

    private static Map<String, List<EndpointAddress>> subsets(String source, String host, Map<String, List<String>> subsets) {
        if (subsets == null || subsets.isEmpty()) {
            throw new InvalidRoutingException(source, "services." + host, host + " has no subsets; list e.g. v1: [127.0.0.1:9091]");
        }
        Map<String, List<EndpointAddress>> result = new LinkedHashMap<>();
        subsets.forEach((subset, addresses) -> {
            String field = "services." + host + "." + subset;
            if (addresses == null || addresses.isEmpty()) {
                throw new InvalidRoutingException(source, field, "subset " + subset + " of " + host + " has no endpoints");
            }
            List<EndpointAddress> parsed = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                parsed.add(address(source, field + "[" + i + "]", addresses.get(i)));
            }
            result.put(subset, List.copyOf(parsed));
        });
        return result;
    }

    private static EndpointAddress address(String source, String field, String text) {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.fromString(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRoutingException(source, field, "'" + text + "' is not IP:PORT, e.g. 127.0.0.1:9091");
        }
        if (!InetAddresses.isInetAddress(hostAndPort.getHost())) {
            throw new InvalidRoutingException(source, field, "'" + text + "' does not start with an IP address;"
                    + " gRPC clients take endpoint addresses as they are, without DNS (write e.g. 127.0.0.1:9091)");
        }
        if (!hostAndPort.hasPort() || hostAndPort.getPort() < 1) {
            throw new InvalidRoutingException(source, field, "'" + text + "' needs a port from 1 to 65535, e.g. 127.0.0.1:9091");
        }
        return new EndpointAddress(hostAndPort.getHost(), hostAndPort.getPort());
    }

    /** The file as written, before any check. */
    private record EndpointsFile(String namespace, Map<String, Map<String, List<String>>> services) {
    }
}
