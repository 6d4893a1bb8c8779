package demo.mesh.access;

import demo.mesh.access.logic.LogicClient;
import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.logic.api.ReleaseMetadataInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.socket.SocketUtils;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real logic gRPC server inside the test JVM, standing in for logic-app: micronaut-grpc serves it on a free
 * loopback port and the {@value LogicClient#CHANNEL} channel points at it. Tests that want it set
 * {@code spec.name} to {@link #SPEC} and take {@link #serverProperties()}.
 */
public final class FakeLogic {

    public static final String SPEC = "fake-logic";
    public static final String VERSION = "v1";
    public static final String INSTANCE = "fake-logic-0";
    /** Never answered: the call ends only when its deadline passes. */
    public static final String SLOW = "slow";
    /** Fails with INTERNAL, a failure that is neither the caller's nor the network's. */
    public static final String BROKEN = "broken";
    /** Answered by a release that rates, with 4 stars. */
    public static final String RATED = "rated";
    /** Same rule and wording as logic-app, so the 400 path is exercised with a realistic message. */
    public static final String INVALID_NAME = "name must be 1 to 64 characters without control characters";

    private FakeLogic() {
    }

    /** Serves the fake on a free loopback port and points the logic-app channel at it. */
    public static Map<String, String> serverProperties() {
        int port = SocketUtils.findAvailableTcpPort();
        return Map.of(
                "grpc.server.enabled", "true",
                "grpc.server.port", String.valueOf(port),
                LogicClient.TARGET_PROPERTY, "dns:///127.0.0.1:" + port);
    }

    /** One call as logic-app received it. */
    public record ReceivedCall(String name, Metadata headers, @Nullable Duration deadline) {

        public String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    @Singleton
    @Requires(property = "spec.name", value = SPEC)
    public static class Service extends LogicGrpc.LogicImplBase {

        private final Queue<ReceivedCall> calls = new ConcurrentLinkedQueue<>();

        public List<ReceivedCall> calls() {
            return List.copyOf(calls);
        }

        public ReceivedCall onlyCallNamed(String name) {
            List<ReceivedCall> named = calls.stream().filter(call -> call.name().equals(name)).toList();
            if (named.size() != 1) {
                throw new AssertionError("expected one call for '" + name + "', logic received " + named.size());
            }
            return named.get(0);
        }

        @Override
        public void hello(HelloRequest request, StreamObserver<HelloReply> responses) {
            String name = request.getName();
            calls.add(new ReceivedCall(name, HeaderCapture.HEADERS.get(), remaining(Context.current().getDeadline())));
            if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(INVALID_NAME).asRuntimeException());
            } else if (name.equals(BROKEN)) {
                responses.onError(Status.INTERNAL.withDescription("simulated failure").asRuntimeException());
            } else if (!name.equals(SLOW)) {
                responses.onNext(HelloReply.newBuilder()
                        .setMessage("Hello, " + name)
                        .setVersion(name.equals(RATED) ? "v2" : VERSION)
                        .setInstance(INSTANCE)
                        .setStars(name.equals(RATED) ? 4 : 0)
                        .build());
                responses.onCompleted();
            }
        }

        private static Duration remaining(@Nullable Deadline deadline) {
            return deadline == null ? null : Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS));
        }
    }

    /** Signs every answer with {@link #VERSION} and {@link #INSTANCE}, as logic-app does. */
    @Factory
    @Requires(property = "spec.name", value = SPEC)
    public static class Signing {
        @Singleton
        ServerInterceptor releaseMetadata() {
            return new ReleaseMetadataInterceptor(VERSION, INSTANCE);
        }
    }

    /** Hands the received metadata to {@link Service}, which a service implementation cannot see by itself. */
    @Singleton
    @Requires(property = "spec.name", value = SPEC)
    public static class HeaderCapture implements ServerInterceptor {

        static final Context.Key<Metadata> HEADERS = Context.key("received-headers");

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                          ServerCallHandler<Q, A> next) {
            return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
        }
    }
}
