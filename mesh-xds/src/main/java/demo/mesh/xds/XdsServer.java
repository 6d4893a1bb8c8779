package demo.mesh.xds;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local control plane: serves translated routing to proxyless gRPC clients over ADS (and the separate LDS, RDS,
 * CDS and EDS services), as istiod does in a cluster. Each {@link #publish} replaces what every client sees.
 */
public final class XdsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XdsServer.class);

    /**
     * Every client gets the same snapshot: the local data plane has one routing view, with none of the per-namespace
     * or per-workload scoping (Sidecar resources, exportTo) that makes istiod tailor what each proxy receives.
     */
    private static final String ALL_CLIENTS = "all-clients";

    private final SimpleCache<String> cache = new SimpleCache<>(node -> ALL_CLIENTS);
    private final XdsTranslator translator = new XdsTranslator();
    /**
     * A client that reconnects after a restart of this server may send the version it last applied, and the library
     * holds back a request whose version equals the snapshot's. A prefix of the start time keeps the version strings
     * of different runs apart, so that no client of an earlier run looks up to date.
     */
    private final String versionPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";
    private final XdsClientTracker clients = new XdsClientTracker(versionPrefix);
    private final Server server;
    /** Kept: a terminated server no longer tells its port. */
    private final int port;
    private ServedSnapshot current;

    private XdsServer(int port) throws IOException {
        V3DiscoveryServer discovery = new V3DiscoveryServer(clients, cache);
        // Loopback only: the routing is served in plain text to anyone who asks, which is fine on one machine.
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(discovery.getAggregatedDiscoveryServiceImpl())
                .addService(discovery.getListenerDiscoveryServiceImpl())
                .addService(discovery.getRouteDiscoveryServiceImpl())
                .addService(discovery.getClusterDiscoveryServiceImpl())
                .addService(discovery.getEndpointDiscoveryServiceImpl())
                .build()
                .start();
        this.port = server.getPort();
    }

    /**
     * Starts serving on a loopback port: 18000 is what the local bootstrap expects; 0 picks a free one. Clients that
     * connect before the first {@link #publish} wait for it.
     */
    public static XdsServer start(int port) throws IOException {
        XdsServer xds;
        try {
            xds = new XdsServer(port);
        } catch (IOException e) {
            throw new IOException("xDS server cannot listen on " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port
                    + " (" + e.getMessage() + "); is another local control plane running?", e);
        }
        LOG.info("xDS server (ADS, LDS, RDS, CDS, EDS) listening on {}:{}", InetAddress.getLoopbackAddress().getHostAddress(), xds.port());
        return xds;
    }

    public int port() {
        return port;
    }

    /**
     * Translates {@code routing} and serves it to every client as the next version.
     *
     * @return what of {@code routing} clients will not act on
     * @throws InvalidRoutingException when the routing is invalid; the snapshot served before stays
     */
    public synchronized List<TranslationWarning> publish(MeshRouting routing) {
        // A copy: what current() reports must not change when the caller edits its objects for the next publish.
        MeshRouting served = routing.deepCopy();
        Translation translation = translator.translate(served);
        XdsResources resources = translation.resources();
        long version = current == null ? 1 : current.version() + 1;
        // Snapshot.ensureConsistent() would refuse this snapshot: it looks for RDS names in Envoy's filter chains,
        // not in API listeners. XdsResources are consistent by construction (XdsTranslatorTest checks it).
        Snapshot snapshot = Snapshot.create(resources.clusters(), resources.endpoints(), resources.listeners(),
                resources.routes(), List.of(), versionPrefix + version);
        logWarningsWhenChanged(translation.warnings());
        Instant now = Instant.now();
        current = new ServedSnapshot(version, served, resources, translation.warnings(), now);
        clients.published(version, now);
        LOG.info("Publishing version {}{}: {} listeners, {} route configurations, {} clusters ({} warnings)", versionPrefix,
                version, resources.listeners().size(), resources.routes().size(), resources.clusters().size(),
                translation.warnings().size());
        // Answers the clients' pending requests right away, on this thread.
        cache.setSnapshot(ALL_CLIENTS, snapshot);
        return translation.warnings();
    }

    /** The snapshot served now; empty before the first {@link #publish}. */
    public synchronized Optional<ServedSnapshot> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Connected clients by node id, each with the newest {@link ServedSnapshot#version()} it has acknowledged for
     * every resource type it asked for (0 before the first). gRPC acknowledges a version as it accepts it; its calls
     * follow a moment later (milliseconds on one machine).
     */
    public Map<String, Long> clientVersions() {
        return clients.clientVersions();
    }

    /** Every connected client: what it accepted and refused, and whether it holds the newest publish. */
    public List<XdsClientStatus> clients() {
        return clients.clients();
    }

    /** When every connected client had accepted the newest publish; empty until then, or with no client connected. */
    public Optional<Acknowledgement> acknowledgement() {
        return clients.acknowledgement();
    }

    /**
     * {@code listener} runs after each change of what {@link #clients()} or {@link #acknowledgement()} say, on the
     * thread that made it (a gRPC thread, or the publishing one): keep it short. Close the result to stop.
     */
    public AutoCloseable onClientsChanged(Runnable listener) {
        return clients.onChange(listener);
    }

    /** Stops at once: xDS streams never end by themselves, so there is nothing to drain. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("xDS server on port {} stopped", port);
    }

    private void logWarningsWhenChanged(List<TranslationWarning> warnings) {
        // A slider move republishes the same files: repeat the warnings only when they say something new.
        if (current == null || !Objects.equals(current.warnings(), warnings)) {
            warnings.forEach(warning -> LOG.warn("Not served to gRPC clients: {}", warning));
        }
    }
}
