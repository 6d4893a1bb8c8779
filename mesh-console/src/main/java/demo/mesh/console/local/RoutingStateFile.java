package demo.mesh.console.local;

import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The routing as the console last changed it, in the same YAML as the istio/ files (so it can be read, diffed or
 * applied to a cluster), with each VirtualService's {@code metadata.resourceVersion} carrying the console's counter.
 */
final class RoutingStateFile {

    private static final String HEADER = """
            # Written by mesh-console in local mode: the routing it serves, with the last split applied.
            # Served instead of the istio/ files while it exists; delete it to start again from those.
            """;

    private final Path file;

    RoutingStateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    MeshRouting read(Path endpointsFile) {
        return MeshRoutingFiles.load(endpointsFile, List.of(file));
    }

    void write(MeshRouting routing) throws IOException {
        String documents = Stream.concat(routing.destinationRules().stream(), routing.virtualServices().stream())
                .map(RoutingStateFile::yaml)
                .collect(Collectors.joining());
        AtomicFile.write(file, HEADER + documents);
    }

    private static String yaml(HasMetadata object) {
        String yaml = Serialization.asYaml(object);
        return yaml.startsWith("---") ? yaml : "---\n" + yaml;
    }
}
