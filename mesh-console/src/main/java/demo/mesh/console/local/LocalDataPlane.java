package demo.mesh.console.local;

import demo.mesh.console.routing.RoutingException;
import demo.mesh.xds.InvalidRoutingException;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import demo.mesh.xds.ServedSnapshot;
import demo.mesh.xds.XdsServer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The local control plane's life: at start-up it loads the routing (the state file when there is one, else the
 * routing files) and serves it over xDS; each change is served, then stored; at shutdown it stops serving.
 * Created with the console, so that a missing file stops the start-up rather than the first request.
 */
@Context
@Requires(property = "mesh-console.mode", value = "local")
class LocalDataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDataPlane.class);

    private final RoutingStateFile state;
    private final XdsServer xds;

    LocalDataPlane(LocalModeConfiguration configuration) {
        configuration.routingFiles().forEach(file -> requireFile(file, "routing-files"));
        requireFile(configuration.endpointsFile(), "endpoints-file");
        this.state = new RoutingStateFile(configuration.stateFile());
        removeLeftovers(state.path());
        String routingFiles = configuration.routingFiles().stream().map(Path::toString).collect(Collectors.joining(", "));
        String source = state.exists()
                ? state.path() + " (the last split; delete it to start again from " + routingFiles + ")"
                : routingFiles;
        MeshRouting routing = load(configuration);
        this.xds = startXds(configuration.xdsPort());
        try {
            xds.publish(routing);
        } catch (InvalidRoutingException e) {
            xds.close();
            throw new ConfigurationException("local mode cannot serve " + source + ": " + e.getMessage());
        }
        LOG.info("Local mode: serving {} over xDS on 127.0.0.1:{} with endpoints from {}; changes are kept in {}",
                source, xds.port(), configuration.endpointsFile(), state.path());
    }

    /** What clients are served now; its routing is shared, so read it and build a new one to change anything. */
    ServedSnapshot served() {
        return xds.current().orElseThrow();
    }

    /**
     * Serves {@code next} and stores it in the state file; when either fails, what was served and stored before
     * stays.
     *
     * @throws InvalidRoutingException when the local data plane cannot serve {@code next}
     */
    synchronized void serve(MeshRouting next) {
        MeshRouting before = served().routing();
        xds.publish(next);
        try {
            state.write(next);
        } catch (IOException e) {
            // Clients may have had the new split for a moment; put back what the state file still says.
            xds.publish(before);
            throw RoutingException.unavailable("cannot write " + state.path() + " (" + e.getMessage()
                    + "); the split was not changed", e);
        }
    }

    XdsServer xdsServer() {
        return xds;
    }

    @PreDestroy
    void close() {
        xds.close();
    }

    private MeshRouting load(LocalModeConfiguration configuration) {
        try {
            return state.exists()
                    ? state.read(configuration.endpointsFile())
                    : MeshRoutingFiles.load(configuration.endpointsFile(), configuration.routingFiles());
        } catch (InvalidRoutingException | UncheckedIOException e) {
            throw new ConfigurationException("local mode cannot load its routing: " + e.getMessage()
                    + (state.exists() ? "; fix or delete " + state.path() + " to start again from the routing files" : ""));
        }
    }

    /** A console killed while storing a change left its unfinished copy: the state file itself is whole. */
    private static void removeLeftovers(Path stateFile) {
        try {
            List<Path> removed = AtomicFile.removeLeftovers(stateFile);
            if (!removed.isEmpty()) {
                LOG.info("Removed {} left by a write that did not finish; {} holds the last split stored", removed,
                        stateFile);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove what an unfinished write of {} left beside it: {}", stateFile, e.toString());
        }
    }

    private static XdsServer startXds(int port) {
        try {
            return XdsServer.start(port);
        } catch (IOException e) {
            throw new ConfigurationException(e.getMessage() + "; stop it or set MESH_CONSOLE_LOCAL_XDS_PORT", e);
        }
    }

    private static void requireFile(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(LocalModeConfiguration.PREFIX + "." + setting + ": " + file
                    + " not found (looked for " + file.toAbsolutePath() + "); start the console from the repository root"
                    + " or set MESH_CONSOLE_LOCAL_" + setting.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
