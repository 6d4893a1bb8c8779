package demo.mesh.xds;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A bare ADS client that follows {@code logic-app} as a gRPC client does (listener, then its routes, every cluster,
 * their endpoints) and accepts every response, except those of the types it was told to refuse: those it NACKs
 * with {@link #REASON}, the way a client that cannot use them would. For tests of what the server reports about
 * its clients; real gRPC clients are what the routing tests use.
 */
public final class AdsTestClient implements AutoCloseable {

    public static final String REASON = "refused on purpose by a test client";

    private static final String LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";
    private static final String ROUTES = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
    private static final String CLUSTERS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    private static final String ENDPOINTS = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
    private static final Map<String, String> TYPE_URLS = Map.of("listeners", LISTENER, "routes", ROUTES,
            "clusters", CLUSTERS, "endpoints", ENDPOINTS);

    private final ManagedChannel channel;
    private final Node node;
    private final Set<String> refused;
    private final Map<String, String> accepted = new HashMap<>();
    private final Map<String, List<String>> names = new HashMap<>();
    private final StreamObserver<DiscoveryRequest> requests;

    private AdsTestClient(int port, String nodeId, Set<String> refusedTypes) {
        this.channel = NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(), port).usePlaintext().build();
        this.node = Node.newBuilder().setId(nodeId).build();
        this.refused = refusedTypes.stream().map(type -> {
            String url = TYPE_URLS.get(type);
            if (url == null) {
                throw new IllegalArgumentException(type + " is not one of " + TYPE_URLS.keySet());
            }
            return url;
        }).collect(Collectors.toSet());
        this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(new Responses());
        subscribe(LISTENER, List.of("logic-app"));
        subscribe(CLUSTERS, List.of());
    }

    /**
     * Connects to the xDS server on loopback {@code port} as {@code nodeId}, refusing every response of
     * {@code refusedTypes} ({@code listeners}, {@code routes}, {@code clusters}, {@code endpoints}).
     */
    public static AdsTestClient connect(int port, String nodeId, String... refusedTypes) {
        return new AdsTestClient(port, nodeId, Set.of(refusedTypes));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private synchronized void subscribe(String typeUrl, List<String> resourceNames) {
        if (resourceNames.equals(names.put(typeUrl, resourceNames))) {
            return;
        }
        requests.onNext(request(typeUrl).setVersionInfo(accepted.getOrDefault(typeUrl, "")).build());
    }

    private synchronized void answer(DiscoveryResponse response) {
        String type = response.getTypeUrl();
        DiscoveryRequest.Builder answer = request(type).setResponseNonce(response.getNonce());
        if (refused.contains(type)) {
            // A NACK: the version it keeps, the nonce of what it refuses, and why.
            answer.setVersionInfo(accepted.getOrDefault(type, ""))
                    .setErrorDetail(Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(REASON));
            requests.onNext(answer.build());
            return;
        }
        accepted.put(type, response.getVersionInfo());
        requests.onNext(answer.setVersionInfo(response.getVersionInfo()).build());
        try {
            follow(response);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the xDS server sent a " + type + " this client cannot read", e);
        }
    }

    /** What a gRPC client asks for next: a listener's route configuration, a cluster's endpoints. */
    private void follow(DiscoveryResponse response) throws InvalidProtocolBufferException {
        if (response.getTypeUrl().equals(LISTENER)) {
            for (Any resource : response.getResourcesList()) {
                HttpConnectionManager manager = resource.unpack(Listener.class).getApiListener().getApiListener()
                        .unpack(HttpConnectionManager.class);
                subscribe(ROUTES, List.of(manager.getRds().getRouteConfigName()));
            }
        } else if (response.getTypeUrl().equals(CLUSTERS)) {
            List<String> services = new ArrayList<>();
            for (Any resource : response.getResourcesList()) {
                services.add(resource.unpack(Cluster.class).getEdsClusterConfig().getServiceName());
            }
            subscribe(ENDPOINTS, services.stream().sorted().toList());
        }
    }

    private DiscoveryRequest.Builder request(String typeUrl) {
        return DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl).addAllResourceNames(names.get(typeUrl));
    }

    private final class Responses implements StreamObserver<DiscoveryResponse> {
        @Override
        public void onNext(DiscoveryResponse response) {
            answer(response);
        }

        @Override
        public void onError(Throwable error) {
            // The stream ends when the test closes the client or the server stops: nothing to do either way.
        }

        @Override
        public void onCompleted() {
        }
    }
}
