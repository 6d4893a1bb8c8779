package demo.mesh.access.logic;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Property;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one gRPC channel to logic-app ({@value LogicClient#CHANNEL}), and whether it has ever been able to route a
 * call. Asking that (each readiness probe does) asks an idle channel to connect, so that a new pod discovers its
 * routes (with an {@code xds:///} target, about a second) before it is ready, not during its first call. Once the
 * channel has been seen READY it counts as able to route for good; see {@link LogicReadiness} for why.
 * <p>
 * The state is polled, not followed with {@code notifyWhenStateChanged}: those callbacks run on the channel's
 * executor, which the application closes before the channel, and a callback refused at shutdown makes gRPC panic.
 */
@Singleton
public class LogicChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LogicChannel.class);

    private final ManagedChannel channel;
    private final String target;
    private final AtomicBoolean hasRouted = new AtomicBoolean();

    LogicChannel(@GrpcChannel(LogicClient.CHANNEL) ManagedChannel channel,
                 @Property(name = LogicClient.TARGET_PROPERTY) String target) {
        this.channel = channel;
        this.target = target;
    }

    Channel channel() {
        return channel;
    }

    public String target() {
        return target;
    }

    /**
     * Whether the channel has been READY at least once: it had what it needs to route a call (for xDS, routes).
     * Until then each question asks the channel to connect if it is idle.
     */
    public boolean hasRouted() {
        if (!hasRouted.get() && channel.getState(true) == ConnectivityState.READY && hasRouted.compareAndSet(false, true)) {
            LOG.info("logic-app channel {} is READY: calls can be routed", target);
        }
        return hasRouted.get();
    }

    /** The channel's state now; does not ask it to connect. */
    public ConnectivityState state() {
        return channel.getState(false);
    }
}
