package demo.mesh.access;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.logic.api.ReleaseMetadataInterceptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server on a free loopback port standing in for one release of logic-app: it answers Hello as that
 * release, signs every answer as logic-app does, and counts the attempts that reached it, so a test can compare what
 * access-app counted with what the releases saw. A failing one answers UNAVAILABLE, as logic-app does with
 * {@code logic.fault.error-rate=1}; a slow one answers after a fixed latency, as with {@code logic.fault.latency}.
 */
final class StandInRelease implements AutoCloseable {

    private final String version;
    private final boolean failing;
    private final Duration latency;
    private final AtomicInteger attempts = new AtomicInteger();
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Server server;

    private StandInRelease(String version, boolean failing, Duration latency) throws IOException {
        this.version = version;
        this.failing = failing;
        this.latency = latency;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new Endpoint(),
                        new ReleaseMetadataInterceptor(version, "stand-in-" + version)))
                .build()
                .start();
    }

    static StandInRelease healthy(String version) throws IOException {
        return new StandInRelease(version, false, Duration.ZERO);
    }

    static StandInRelease failing(String version) throws IOException {
        return new StandInRelease(version, true, Duration.ZERO);
    }

    static StandInRelease slow(String version, Duration latency) throws IOException {
        return new StandInRelease(version, false, latency);
    }

    int port() {
        return server.getPort();
    }

    /** Every attempt that reached this release, failed ones included. */
    int attempts() {
        return attempts.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        answers.shutdownNow();
    }

    private final class Endpoint extends LogicGrpc.LogicImplBase {
        @Override
        public void hello(HelloRequest request, StreamObserver<HelloReply> responses) {
            attempts.incrementAndGet();
            if (failing) {
                responses.onError(Status.UNAVAILABLE.withDescription(version + " is broken").asRuntimeException());
                return;
            }
            answers.schedule(() -> {
                responses.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName())
                        .setVersion(version).setInstance("stand-in-" + version).build());
                responses.onCompleted();
            }, latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
