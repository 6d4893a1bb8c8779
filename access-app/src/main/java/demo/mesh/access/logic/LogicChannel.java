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
 * call. The first question about that (the first readiness probe) asks the channel to connect, so that a new pod
 * discovers its routes (with an {@code xds:///} target, about a second) before it is ready, not during its first
 * call. Once the channel has been READY it counts as able to route for good; see {@link LogicReadiness} for why.
 */
@Singleton
public class LogicChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LogicChannel.class);

    private final ManagedChannel channel;
    private final String target;
    private final AtomicBoolean following = new AtomicBoolean();
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
     * The first time this is asked, the channel is asked to connect and followed from then on.
     */
    public boolean hasRouted() {
        if (!hasRouted.get() && following.compareAndSet(false, true)) {
            follow(channel.getState(true));
        }
        return hasRouted.get();
    }

    /** The channel's state now; does not ask it to connect. */
    public ConnectivityState state() {
        return channel.getState(false);
    }

    /** Follows the channel until it is READY, asking it to connect again whenever it falls back to IDLE. */
    private void follow(ConnectivityState state) {
        if (state == ConnectivityState.READY) {
            hasRouted.set(true);
            LOG.info("logic-app channel {} is READY: calls can be routed", target);
        } else if (state != ConnectivityState.SHUTDOWN) {
            channel.notifyWhenStateChanged(state, () -> follow(channel.getState(true)));
        }
    }
}
