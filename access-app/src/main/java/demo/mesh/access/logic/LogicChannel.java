package demo.mesh.access.logic;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.xds.XdsChannelCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.http.netty.channel.EventLoopGroupFactory;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.http.netty.channel.NettyChannelType;
import io.micronaut.runtime.event.annotation.EventListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gRPC channels to logic-app ({@value LogicClient#CHANNEL}): one per event loop of the HTTP server, each with its
 * connections on that loop and answering on it. A request is read, calls logic-app, gets its answer and is answered
 * on one thread: no hand-off between threads anywhere in a call, as proxies built on event loops (Envoy's workers,
 * Armeria) keep a connection pool per loop. One channel shared by every loop would have its connection on one of
 * them, and every request read on another would cross threads twice. All are built from the one builder
 * micronaut-grpc configures by name ({@code grpc.channels.logic-app.*}); a logic-app instance then sees one connection
 * per loop, which is two per CPU.
 * <p>
 * With {@value #XDS_CREDENTIALS} (set by the proxyless-access-app component) there is one channel, which takes its
 * transport security from xDS as Istio's proxyless gRPC does: grpc-xds's {@link XdsChannelCredentials} use the
 * workload certificate the grpc-agent writes when istiod sends a cluster with Istio mutual TLS, so access-app calls
 * logic-app's sidecars as its ServiceAccount and a STRICT PeerAuthentication admits it; where the control plane sends
 * no security (the local mode) they fall back to plaintext. Those credentials are for grpc-xds's shaded copy of
 * grpc-netty, which runs threads of its own.
 * <p>
 * The channels start connecting as the application starts, while the HTTP server is still starting, so that the
 * first readiness probe finds them READY instead of starting the connections and answering DOWN (Kubernetes asks
 * again only a {@code periodSeconds} later), and a new pod discovers its routes (with an {@code xds:///} target, about
 * a second) before it is ready, not during its first call. Each channel says whether it has ever been able to route a
 * call; asking that (each readiness probe does) asks a channel never yet READY to connect now, back-off or not. The
 * state is polled, not followed with {@code notifyWhenStateChanged}, whose callbacks would run on threads that close
 * before the channels do.
 */
@Singleton
public class LogicChannel {

    public static final String XDS_CREDENTIALS = "access.logic.xds-credentials";
    private static final Logger LOG = LoggerFactory.getLogger(LogicChannel.class);

    /** A channel and the event loop its connections live on; null for the one channel with xDS credentials. */
    private record LoopChannel(EventLoop loop, ManagedChannel channel, AtomicBoolean hasRouted) {
    }

    private final List<LoopChannel> channels;
    private final String target;
    private final AtomicBoolean allRouted = new AtomicBoolean();

    LogicChannel(ApplicationContext context, EventLoopGroupRegistry eventLoops, EventLoopGroupFactory eventLoopFactory,
                 @Property(name = LogicClient.TARGET_PROPERTY) String target,
                 @Property(name = XDS_CREDENTIALS, defaultValue = "false") boolean xdsCredentials) {
        this.target = target;
        this.channels = xdsCredentials
                ? List.of(new LoopChannel(null, Grpc.newChannelBuilder(target,
                        XdsChannelCredentials.create(InsecureChannelCredentials.create())).build(), new AtomicBoolean()))
                : perEventLoop(context.createBean(NettyChannelBuilder.class, LogicClient.CHANNEL), eventLoops,
                        eventLoopFactory);
    }

    private static List<LoopChannel> perEventLoop(NettyChannelBuilder configured, EventLoopGroupRegistry eventLoops,
                                                  EventLoopGroupFactory eventLoopFactory) {
        configured.channelType(eventLoopFactory.channelClass(NettyChannelType.CLIENT_SOCKET))
                // What runs on the answer's thread does not block: the call's metrics and completing the future
                // the controller returned (see LogicClient).
                .directExecutor();
        List<LoopChannel> channels = new ArrayList<>();
        for (EventExecutor executor : eventLoops.getDefaultEventLoopGroup()) {
            EventLoop loop = (EventLoop) executor;
            // The loop belongs to the HTTP server, which shuts it down after the channels: a channel never shuts
            // down a group it was given.
            channels.add(new LoopChannel(loop, configured.eventLoopGroup(loop).build(), new AtomicBoolean()));
        }
        return List.copyOf(channels);
    }

    /**
     * Starts connecting; needs no logic-app to be up. Should logic-app not listen yet, the attempt fails and gRPC
     * retries it after a back-off, which each readiness probe cuts short; until the channels are READY readiness
     * stays DOWN, so no call is routed to this pod in the meantime.
     */
    @EventListener
    void connectAtStartup(StartupEvent event) {
        channels.forEach(channel -> channel.channel().getState(true));
    }

    /** The channel for a call made on this thread: the one on this event loop, else the first. */
    Channel channel() {
        for (LoopChannel channel : channels) {
            if (channel.loop() != null && channel.loop().inEventLoop()) {
                return channel.channel();
            }
        }
        return channels.get(0).channel();
    }

    public String target() {
        return target;
    }

    /** How many channels there are: one per event loop, or the one with xDS credentials. */
    public int count() {
        return channels.size();
    }

    /** Whether the channels are built with xDS credentials. */
    public boolean xdsCredentials() {
        return channels.get(0).loop() == null;
    }

    /**
     * Whether every channel has been READY at least once: each had what it needs to route a call (for xDS, routes).
     * Until then each question asks the channels not yet seen READY to connect: if idle, or at once if a failed
     * attempt has them waiting out gRPC's reconnect back-off. That wait grows to minutes while logic-app is not up,
     * and a probe would otherwise find logic-app up and this pod still not ready for as long.
     */
    public boolean hasRouted() {
        boolean all = true;
        for (LoopChannel channel : channels) {
            if (!channel.hasRouted().get()) {
                ConnectivityState state = channel.channel().getState(true);
                if (state == ConnectivityState.READY) {
                    channel.hasRouted().set(true);
                } else if (state == ConnectivityState.TRANSIENT_FAILURE) {
                    channel.channel().resetConnectBackoff();
                }
            }
            all &= channel.hasRouted().get();
        }
        if (all && allRouted.compareAndSet(false, true)) {
            LOG.info("logic-app channels to {} are READY ({}): calls can be routed", target, count());
        }
        return all;
    }

    /** The state of the channel least ready now (READY only when all are); does not ask any to connect. */
    public ConnectivityState state() {
        return channels.stream().map(channel -> channel.channel().getState(false))
                .max(Comparator.comparingInt(LogicChannel::distanceFromReady)).orElseThrow();
    }

    private static int distanceFromReady(ConnectivityState state) {
        return switch (state) {
            case READY -> 0;
            case IDLE -> 1;
            case CONNECTING -> 2;
            case TRANSIENT_FAILURE -> 3;
            case SHUTDOWN -> 4;
        };
    }

    /** Lets calls still in flight finish (the HTTP server has drained its requests by now), within a bound. */
    @PreDestroy
    void close() throws InterruptedException {
        channels.forEach(channel -> channel.channel().shutdown());
        for (LoopChannel channel : channels) {
            if (!channel.channel().awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("logic-app channel {} still had calls after 5 s; closing it", target);
                channel.channel().shutdownNow();
            }
        }
    }
}
