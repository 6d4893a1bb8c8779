package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The settings of a console in local mode whose state lives in a folder of its own, so that tests never share
 * state by accident and a restart test can start a second console on the same state.
 */
record LocalSettings(List<Path> routingFiles, Path endpointsFile, Path stateFile) {

    /** The annotation that keeps a VirtualService's history with it. */
    static final String HISTORY = "mesh-demo.io/history";

    /** The VirtualService and DestinationRule files the project ships, as a cluster would get them. */
    static Path shipped(String file) {
        return Path.of("..").resolve(file).toAbsolutePath().normalize();
    }

    /** A routing file under {@code src/test/resources/local/}. */
    static Path fixture(String name) {
        URL url = LocalSettings.class.getResource("/local/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test fixture local/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url + " is not a file", e);
        }
    }

    /** In a new folder under target/, where the next build's clean removes it. */
    static Path newStateFile() {
        try {
            Path states = Files.createDirectories(Path.of("target", "local-states"));
            return Files.createTempDirectory(states.toAbsolutePath(), "console-").resolve("routing.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped DestinationRule and 100/0 split, with the shipped endpoints (nothing needs to answer there). */
    static LocalSettings shippedRouting() {
        return new LocalSettings(List.of(shipped("istio/destination-rule-logic-app.yaml"),
                shipped("istio/virtual-service-logic-app-100-0.yaml")), shipped("local/endpoints.yaml"), newStateFile());
    }

    LocalSettings withRoutingFiles(Path... files) {
        return new LocalSettings(List.of(files), endpointsFile, stateFile);
    }

    LocalSettings withEndpointsFile(Path file) {
        return new LocalSettings(routingFiles, file, stateFile);
    }

    /** Console properties: local mode on a free xDS port. */
    Map<String, String> properties() {
        return Map.of(
                "mesh-console.mode", "local",
                "mesh-console.local.routing-files", routingFiles.stream().map(Path::toString).collect(Collectors.joining(",")),
                "mesh-console.local.endpoints-file", endpointsFile.toString(),
                "mesh-console.local.state-file", stateFile.toString(),
                "mesh-console.local.xds-port", "0");
    }

    /** The change history of logic-app as the state file keeps it, newest first; empty before the first change. */
    List<JsonNode> storedHistory() {
        if (!Files.exists(stateFile)) {
            return List.of();
        }
        VirtualService logicApp = MeshRoutingFiles.load(endpointsFile, List.of(stateFile)).virtualServices().stream()
                .filter(vs -> "logic-app".equals(vs.getMetadata().getName()))
                .findFirst().orElseThrow();
        Map<String, String> annotations = Objects.requireNonNullElse(logicApp.getMetadata().getAnnotations(), Map.of());
        if (!annotations.containsKey(HISTORY)) {
            return List.of();
        }
        try {
            List<JsonNode> entries = new ArrayList<>();
            new ObjectMapper().readTree(annotations.get(HISTORY)).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state file's content, or null while the console has not written one. */
    String stateFileContent() {
        try {
            return Files.exists(stateFile) ? Files.readString(stateFile) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
