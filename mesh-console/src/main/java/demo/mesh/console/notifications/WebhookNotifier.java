package demo.mesh.console.notifications;

import demo.mesh.console.rollout.RolloutEvents;
import demo.mesh.console.routing.ChangeCause;
import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.HeaderCanaryChange;
import demo.mesh.console.routing.RouteRef;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Hears every announced change — each applied split through {@link ChangeLog}, each rollout note that moved no
 * weight through {@link RolloutEvents} — and queues it for its namespace's webhook. Never blocks the change.
 */
@Singleton
class WebhookNotifier implements ChangeLog, RolloutEvents {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final Webhooks webhooks;
    private final Clock clock = Clock.systemUTC();

    WebhookNotifier(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void record(ChangeNotice notice) {
        offer(notice);
    }

    /** A header canary moves no weight: its notice has no split, and says what changed in its reason. */
    @Override
    public void recordHeaderCanary(RouteRef ref, String route, HeaderCanaryChange change, String user) {
        offer(new ChangeNotice(ref, route, Map.of(), Map.of(), user,
                ChangeCause.headerCanary(change.describe(ref, route, user))));
    }

    @Override
    public void announce(ChangeNotice notice) {
        offer(notice);
    }

    private void offer(ChangeNotice notice) {
        try {
            webhooks.offer(Notice.of(notice, clock.instant()));
        } catch (RuntimeException e) {
            // The change is made and in the history; a notification's fault must never turn it into an error.
            LOG.warn("Change to {} not queued for its webhook", notice.ref(), e);
        }
    }
}
