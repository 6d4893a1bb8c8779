package demo.mesh.access.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Timer;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.micronaut.context.annotation.Context;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls logic-app over the named gRPC channel {@value #CHANNEL}. The channel's target is plain configuration
 * ({@value #TARGET_PROPERTY}), so the same code runs behind DNS, an Istio sidecar or an xDS control plane.
 * Created at start-up so that a bad deadline or target fails the application, not its first request.
 */
@Context
public class LogicClient {

    public static final String CHANNEL = "logic-app";
    public static final String TARGET_PROPERTY = "grpc.channels." + CHANNEL + ".target";

    private final Channel channel;
    private final LogicCallConfig config;
    private final LogicCallMetrics metrics;

    LogicClient(@GrpcChannel(CHANNEL) Channel channel, LogicCallConfig config, LogicCallMetrics metrics) {
        this.channel = channel;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Asks logic-app to greet {@code name}. The future fails with a {@link io.grpc.StatusRuntimeException} when
     * logic-app rejects the call, cannot be reached or does not answer within the configured deadline.
     */
    public CompletableFuture<HelloReply> hello(String name, Metadata headers) {
        CompletableFuture<HelloReply> result = new CompletableFuture<>();
        Timer.Sample sample = metrics.start();
        // A deadline is absolute, so every call gets a fresh stub.
        LogicGrpc.newStub(channel)
                .withDeadlineAfter(config.deadline().toNanos(), TimeUnit.NANOSECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .hello(HelloRequest.newBuilder().setName(name).build(), new StreamObserver<>() {
                    private HelloReply reply;

                    @Override
                    public void onNext(HelloReply value) {
                        reply = value;
                    }

                    @Override
                    public void onError(Throwable error) {
                        metrics.record(sample, LogicCallMetrics.NO_VERSION, Status.fromThrowable(error).getCode());
                        result.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        metrics.record(sample, reply.getVersion(), Status.Code.OK);
                        result.complete(reply);
                    }
                });
        return result;
    }
}
