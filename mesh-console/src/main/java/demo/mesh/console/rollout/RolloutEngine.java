package demo.mesh.console.rollout;

import demo.mesh.console.health.HealthQuery;
import demo.mesh.console.health.MetricsUnavailableException;
import demo.mesh.console.health.RouteHealth;
import demo.mesh.console.health.TrafficMetrics;
import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitCheck;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.routing.HttpRoute;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drives every rollout, on the leading console only: each tick reads the rollout and split of each VirtualService
 * that carries one, lets {@link RolloutMachine} decide, and has {@link RolloutWriter} write. Nothing is kept in memory between
 * ticks, so a restart, a new leader or a missed tick resumes from what the route says.
 */
@Singleton
public class RolloutEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);
    /** Longer than a tick takes with an API server that answers; well inside a pod's 30 s to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final TrafficService traffic;
    private final RolloutStore store;
    private final RolloutWriter writer;
    private final Leadership leadership;
    private final BeanProvider<TrafficMetrics> metrics;
    private final Clock clock;
    /** Held while a tick runs: see {@link #stop()}. */
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile boolean stopped;
    /** The unreadable annotations already warned about, so a bad one is logged once, not every second. */
    private final Map<RouteRef, String> warned = new ConcurrentHashMap<>();

    public RolloutEngine(TrafficService traffic, RolloutStore store, RolloutWriter writer, Leadership leadership,
                         BeanProvider<TrafficMetrics> metrics, @Named(RolloutClock.NAME) Clock clock) {
        this.traffic = traffic;
        this.store = store;
        this.writer = writer;
        this.leadership = leadership;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Checks fall due per step; the tick only bounds how late one can be. */
    @Scheduled(fixedDelay = "${mesh-console.rollout.tick:1s}", initialDelay = "${mesh-console.rollout.tick:1s}")
    void tickAll() {
        ticking.lock();
        try {
            if (!stopped && leadership.leader()) {
                tickAnnotated();
            }
        } finally {
            ticking.unlock();
        }
    }

    /**
     * The console is stopping: no tick starts after this, and one under way ends first, while the caches, client and
     * Lease it works through are still open (they are destroyed after this bean, which needs them). Without this, a
     * stop during a tick closed them under it: the tick failed on closed informers and was logged as an error. The
     * wait is bounded, so a tick stuck on an API server that does not answer cannot hold the stop.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        if (ticking.tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            ticking.unlock();
        } else {
            LOG.warn("Stopping with a rollout tick still under way after {} s", STOP_WAIT.toSeconds());
        }
    }

    private void tickAnnotated() {
        // Only routes that carry a rollout: reading each of 500 VirtualServices every tick (a copy and a view each)
        // was CPU spent on nothing, at start-up too, where it competed with the first answer.
        List<RouteRef> annotated;
        try {
            annotated = traffic.annotatedWith(Rollout.ANNOTATION);
        } catch (RoutingException e) {
            LOG.debug("Rollouts wait: {}", e.getMessage());
            return;
        }
        for (RouteRef ref : annotated) {
            try {
                tick(ref);
            } catch (RoutingException e) {
                // Someone wrote in between (CONFLICT) or the store is away: the next tick reads the truth again.
                LOG.debug("Rollout of {} waits for the next tick: {}", ref, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Rollout of {} failed this tick", ref, e);
            }
        }
    }

    /** One look at one route's rollout. */
    void tick(RouteRef ref) {
        KeptRollout kept;
        try {
            kept = store.read(ref).orElse(null);
        } catch (RoutingException e) {
            if (e.reason() == RoutingException.Reason.CONFLICT && !e.getMessage().equals(warned.put(ref, e.getMessage()))) {
                LOG.warn(e.getMessage());
            }
            return;
        }
        if (kept == null || !kept.active()) {
            return;
        }
        VirtualServiceRoutes vs = traffic.get(ref);
        if (!vs.resourceVersion().equals(kept.resourceVersion())) {
            return; // written between the two reads: look again next tick
        }
        Rollout rollout = kept.rollout();
        HttpRoute route = SplitCheck.selectRoute(vs, rollout.plan().route());
        Instant now = clock.instant();
        Decision decision = RolloutMachine.tick(ref.name(), rollout, route, now,
                (window, step) -> check(ref, route, rollout.plan(), now, step, window));
        writer.apply(ref, kept, decision, leadership.actor());
    }

    private Check check(RouteRef ref, HttpRoute route, RolloutPlan plan, Instant now, int step,
                        Duration window) {
        if (!metrics.isPresent()) {
            return Check.noData(now, step, "no metrics source is configured, so nothing can be judged");
        }
        String host = route.destinations().stream().filter(d -> d.key().equals(plan.to())).map(Destination::host)
                .findFirst().orElse(route.destinations().get(0).host());
        try {
            RouteHealth health = metrics.get().health(new HealthQuery(ref.namespace(), host,
                    List.of(plan.from(), plan.to()), window));
            return Check.judged(now, step, plan, health.of(plan.to()), health.of(plan.from()));
        } catch (MetricsUnavailableException e) {
            return Check.noData(now, step, "the metrics source could not answer: " + e.getMessage());
        }
    }
}
