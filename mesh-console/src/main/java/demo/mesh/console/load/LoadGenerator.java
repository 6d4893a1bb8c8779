package demo.mesh.console.load;

import demo.mesh.console.routing.VirtualServiceRoutes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console's load generator: one run at a time against the configured target, every outcome counted per second
 * and shown to the shift watch.
 */
@Singleton
public class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private final LoadConfiguration configuration;
    private final TargetCaller caller;
    private final LoadFeed feed;
    private final ShiftWatch shifts;
    private final SecondTally tally;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "load-generator");
        thread.setDaemon(true);
        return thread;
    });
    private LoadRun current;

    public LoadGenerator(LoadConfiguration configuration, TargetCaller caller, LoadFeed feed, ShiftWatch shifts) {
        this.configuration = configuration;
        this.caller = caller;
        this.feed = feed;
        this.shifts = shifts;
        this.tally = new SecondTally(this::secondClosed);
        // Shortly after each second turns, so the second that just ended is handed over whole.
        long toNextSecond = 1000 - System.currentTimeMillis() % 1000 + 20;
        scheduler.scheduleAtFixedRate(this::tick, toNextSecond, 1000, TimeUnit.MILLISECONDS);
    }

    /** Starts a run, stopping the one going, if any: there is one generator and one observed split. */
    public LoadStatus start(LoadPlan plan, String user) {
        List<VirtualServiceRoutes> splits = shifts.currentSplits();
        synchronized (this) {
            if (current != null) {
                current.stop("replaced by a new run started by " + user);
            }
            shifts.loadStarted(splits);
            tally.flush();
            current = new LoadRun(plan, user, caller::call, this::completed, this::ended);
            current.start(scheduler);
            LOG.info("Load started by {}: {}/s for {} s, at most {} requests, to {}", user, plan.rate(),
                    plan.durationSeconds(), plan.requests(), configuration.target());
            LoadStatus status = status();
            feed.publish(status);
            return status;
        }
    }

    public synchronized LoadStatus stop(String user) {
        if (current != null) {
            current.stop("stopped by " + user);
        }
        return status();
    }

    public synchronized LoadStatus status() {
        return new LoadStatus(running(), configuration.target().toString(), current == null ? null : current.status(),
                new LoadStatus.Limits(configuration.maxRate(), configuration.maxDurationSeconds(),
                        configuration.defaultDurationSeconds()));
    }

    @PreDestroy
    synchronized void shutdown() {
        if (current != null) {
            current.stop("the console is shutting down");
        }
        scheduler.shutdownNow();
    }

    private synchronized boolean running() {
        return current != null && current.running();
    }

    private void completed(Outcome outcome) {
        tally.record(outcome);
        shifts.answered(outcome);
    }

    private synchronized void ended(LoadRun run) {
        LOG.info("Load by {} ended: {}", run.status().startedBy(), run.status().stoppedReason());
        shifts.loadStopped();
        feed.publish(status());
    }

    private void tick() {
        tally.tick(System.currentTimeMillis(), running());
    }

    private void secondClosed(SecondCounts second) {
        feed.publish(second);
        shifts.secondClosed(second);
    }
}
