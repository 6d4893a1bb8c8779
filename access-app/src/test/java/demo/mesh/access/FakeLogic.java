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
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real logic gRPC server in the test JVM, standing in for logic-app: it binds a port of its own on 127.0.0.1 before
 * access-app starts, and the {@value LogicClient#CHANNEL} channel is pointed at the port it got
 * ({@link #channelProperties()}). It answers by the name it is asked to greet (see the constants), signs every answer
 * as logic-app does and keeps every call it received with its metadata and deadline.
 */
public final class FakeLogic implements AutoCloseable {

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

    private static final Context.Key<Metadata> HEADERS = Context.key("received-headers");

    private final Queue<ReceivedCall> calls = new ConcurrentLinkedQueue<>();
    private final Server server;

    private FakeLogic() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new Endpoint(),
                        new ReleaseMetadataInterceptor(VERSION, INSTANCE), new HeaderCapture()))
                .build()
                .start();
    }

    /** Serves the fake on a port of its own. */
    public static FakeLogic start() {
        try {
            return new FakeLogic();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake logic server did not start", e);
        }
    }

    /** Points access-app's channel to logic-app at this server. */
    public Map<String, String> channelProperties() {
        return Map.of(LogicClient.TARGET_PROPERTY, "dns:///127.0.0.1:" + server.getPort());
    }

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
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One call as logic-app received it. */
    public record ReceivedCall(String name, Metadata headers, @Nullable Duration deadline) {

        public String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private final class Endpoint extends LogicGrpc.LogicImplBase {

        @Override
        public void hello(HelloRequest request, StreamObserver<HelloReply> responses) {
            String name = request.getName();
            calls.add(new ReceivedCall(name, HEADERS.get(), remaining(Context.current().getDeadline())));
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

    /** Hands the received metadata to {@link Endpoint}, which a service implementation cannot see by itself. */
    private static final class HeaderCapture implements ServerInterceptor {

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                          ServerCallHandler<Q, A> next) {
            return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
        }
    }
}
