package demo.mesh.access.logic;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.grpc.channels.GrpcNamedManagedChannelConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupFactory;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.http.netty.channel.NettyChannelType;
import jakarta.inject.Singleton;

/**
 * The channel to logic-app ({@value LogicClient#CHANNEL}) runs on the HTTP server's event loops and answers where the
 * answer arrives. By default gRPC would add a thread pool of its own for its connections and hand every answer to a
 * second pool (micronaut-grpc's I/O executor) before the HTTP response goes back to an event loop: three thread
 * hand-offs per call on a pod with one CPU. What runs on the answer's thread here does not block: the call's metrics
 * and completing the future the controller returned (see {@link LogicClient}).
 * <p>
 * The group belongs to the HTTP server, which shuts it down after it has drained its requests and the channel has
 * been shut down; the channel never shuts down a group it was given.
 */
@Singleton
final class LogicChannelThreads implements BeanCreatedEventListener<GrpcNamedManagedChannelConfiguration> {

    private final EventLoopGroupRegistry eventLoops;
    private final EventLoopGroupFactory eventLoopFactory;

    LogicChannelThreads(EventLoopGroupRegistry eventLoops, EventLoopGroupFactory eventLoopFactory) {
        this.eventLoops = eventLoops;
        this.eventLoopFactory = eventLoopFactory;
    }

    @Override
    public GrpcNamedManagedChannelConfiguration onCreated(BeanCreatedEvent<GrpcNamedManagedChannelConfiguration> event) {
        GrpcNamedManagedChannelConfiguration channel = event.getBean();
        if (channel.getName().equals(LogicClient.CHANNEL)) {
            channel.getChannelBuilder()
                    .eventLoopGroup(eventLoops.getDefaultEventLoopGroup())
                    .channelType(eventLoopFactory.channelClass(NettyChannelType.CLIENT_SOCKET))
                    .directExecutor();
        }
        return channel;
    }
}
