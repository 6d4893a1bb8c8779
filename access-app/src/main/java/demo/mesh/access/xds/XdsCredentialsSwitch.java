package demo.mesh.access.xds;

import demo.mesh.access.logic.LogicClient;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.xds.XdsChannelCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * With {@value #PROPERTY}: true (set by the proxyless-access-app component), the channel to logic-app takes its
 * transport security from xDS, as Istio's proxyless gRPC does: grpc-xds's {@link XdsChannelCredentials} use the
 * workload certificate the grpc-agent writes when istiod sends a cluster with Istio mutual TLS, so access-app calls
 * logic-app's sidecars as its ServiceAccount and a STRICT PeerAuthentication admits it; where the control plane sends
 * no security (the local mode) they fall back to plaintext. Off, the channel stays as configured.
 * <p>
 * A channel's credentials are fixed when its builder is created, and micronaut-grpc builds with grpc-netty while
 * grpc-xds's credentials are for its shaded copy, so the configured channel to logic-app (recognised by its authority)
 * is replaced by one built from the same target through gRPC's own registry, and shut down.
 */
@Singleton
@Requires(property = XdsCredentialsSwitch.PROPERTY, value = "true")
final class XdsCredentialsSwitch implements BeanCreatedEventListener<ManagedChannel> {

    static final String PROPERTY = "access.logic.xds-credentials";

    private final String target;
    private final List<ManagedChannel> built = new CopyOnWriteArrayList<>();

    XdsCredentialsSwitch(@Value("${" + LogicClient.TARGET_PROPERTY + "}") String target) {
        this.target = target;
    }

    @Override
    public ManagedChannel onCreated(BeanCreatedEvent<ManagedChannel> event) {
        ManagedChannel configured = event.getBean();
        if (!configured.authority().equals(authority(target))) {
            return configured;
        }
        configured.shutdownNow();
        ManagedChannel channel = Grpc.newChannelBuilder(target,
                XdsChannelCredentials.create(InsecureChannelCredentials.create())).build();
        built.add(channel);
        return channel;
    }

    /** The channels this switch built, for the start-up log and tests. */
    List<ManagedChannel> built() {
        return List.copyOf(built);
    }

    @PreDestroy
    void close() {
        built.forEach(ManagedChannel::shutdownNow);
    }

    /**
     * The authority gRPC gives a channel to {@code target}: the DNS and xDS resolvers take it from the path, so
     * "host:port" for dns:///host:port, dns://resolver/host:port and xds:///host:port alike.
     */
    static String authority(String target) {
        URI uri = URI.create(target);
        return uri.getScheme() == null || uri.getPath() == null || uri.getPath().isEmpty() ? target : uri.getPath().substring(1);
    }
}
