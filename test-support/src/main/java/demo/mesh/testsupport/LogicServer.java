package demo.mesh.testsupport;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.logic.api.ReleaseMetadataInterceptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One release of logic-app as far as a caller can tell: a real gRPC server on a free loopback port that answers Hello
 * as that release ("Hello, name!", its version, instance {@code stand-in-<version>}), signs every answer as logic-app
 * does, and counts the attempts that reached it, so a test can compare what a client counted with what the releases
 * saw. It fails on demand with UNAVAILABLE, as logic-app does with its fault switch or while it restarts; a slow one
 * answers after a fixed latency, as with {@code logic.fault.latency}.
 */
public final class LogicServer implements AutoCloseable {

    private final String version;
    private final String instance;
    private final Duration latency;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Server server;

    private LogicServer(String version, Duration latency, int port) {
        this.version = version;
        this.instance = "stand-in-" + version;
        this.latency = latency;
        try {
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .addService(ServerInterceptors.intercept(new Endpoint(),
                            new ReleaseMetadataInterceptor(version, instance)))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a logic server for " + version + " on loopback port " + port,
                    e);
        }
    }

    /** A healthy release {@code version}, serving. */
    public static LogicServer start(String version) {
        return new LogicServer(version, Duration.ZERO, 0);
    }

    /** As {@link #start(String)}, on {@code port}: for a client told where logic-app would be before it was there. */
    public static LogicServer startOn(String version, int port) {
        return new LogicServer(version, Duration.ZERO, port);
    }

    /** A healthy release {@code version} that answers every call {@code latency} after it arrives. */
    public static LogicServer slow(String version, Duration latency) {
        return new LogicServer(version, latency, 0);
    }

    /** A release {@code version} whose every call fails, as logic-app with {@code logic.fault.error-rate=1}. */
    public static LogicServer failing(String version) {
        LogicServer server = new LogicServer(version, Duration.ZERO, 0);
        server.failNext(Integer.MAX_VALUE);
        return server;
    }

    public int port() {
        return server.getPort();
    }

    /** Where it answers, as an endpoints file lists it: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The next {@code count} calls fail with UNAVAILABLE. */
    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Every call that reached this release, failed ones included. */
    public int attempts() {
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
            if (failuresToServe.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                responses.onError(Status.UNAVAILABLE.withDescription(version + " fails on purpose")
                        .asRuntimeException());
                return;
            }
            answers.schedule(() -> {
                responses.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!")
                        .setVersion(version).setInstance(instance).build());
                responses.onCompleted();
            }, latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
