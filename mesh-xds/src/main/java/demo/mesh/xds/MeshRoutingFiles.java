package demo.mesh.xds;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link MeshRouting} from the files a cluster would get: istio/*.yaml and, locally, local/endpoints.yaml. */
public final class MeshRoutingFiles {

    private MeshRoutingFiles() {
    }

    /**
     * Loads the given VirtualService and DestinationRule files (one or more YAML documents each) and the endpoints
     * file, e.g. {@code load(Path.of("local/endpoints.yaml"), List.of(Path.of("istio/destination-rule-logic-app.yaml"),
     * Path.of("istio/virtual-service-logic-app-90-10.yaml")))}.
     *
     * @throws InvalidRoutingException naming the file when one does not parse or holds another kind of object
     */
    public static MeshRouting load(Path endpointsFile, List<Path> istioFiles) {
        List<VirtualService> virtualServices = new ArrayList<>();
        List<DestinationRule> destinationRules = new ArrayList<>();
        Map<String, Path> readFrom = new HashMap<>();
        for (Path file : istioFiles) {
            for (Object object : read(file)) {
                if (object instanceof HasMetadata resource) {
                    requireOnce(resource, file, readFrom);
                }
                if (object instanceof VirtualService virtualService) {
                    virtualServices.add(virtualService);
                } else if (object instanceof DestinationRule destinationRule) {
                    destinationRules.add(destinationRule);
                } else {
                    throw new InvalidRoutingException(file.toString(), "kind", kindOf(object)
                            + " is not served by the local data plane; give VirtualService and DestinationRule files");
                }
            }
        }
        return new MeshRouting(virtualServices, destinationRules, LocalEndpoints.load(endpointsFile));
    }

    private static List<?> read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the routing file", e);
        }
        Object parsed;
        try {
            parsed = Serialization.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new InvalidRoutingException(file.toString(), "", "not a Kubernetes object: " + e.getMessage());
        }
        if (parsed == null) {
            throw new InvalidRoutingException(file.toString(), "", "is empty");
        }
        return parsed instanceof List<?> documents ? documents : List.of(parsed);
    }

    /** A cluster keeps one object per kind, namespace and name: the second file would replace the first. */
    private static void requireOnce(HasMetadata resource, Path file, Map<String, Path> readFrom) {
        String object = IstioObjects.describe(resource);
        Path first = readFrom.putIfAbsent(object, file);
        if (first != null) {
            throw new InvalidRoutingException(file.toString(), "metadata.name", object + " is also in " + first
                    + "; applying both would keep only the last, so give one of them");
        }
    }

    private static String kindOf(Object object) {
        return object instanceof HasMetadata resource ? "kind " + resource.getKind() : "a " + object.getClass().getSimpleName();
    }
}
