package demo.mesh.console.notifications;

import demo.mesh.console.rollout.RolloutEvents;
import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeNotice;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Hears every announced change — each applied split through {@link ChangeLog}, each rollout note that moved no
 * weight through {@link RolloutEvents} — and queues it for its namespace's webhook. Never blocks the change.
 */
@Singleton
class WebhookNotifier implements ChangeLog, RolloutEvents {

    private final Webhooks webhooks;
    private final Clock clock = Clock.systemUTC();

    WebhookNotifier(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void record(ChangeNotice notice) {
        webhooks.offer(Notice.of(notice, clock.instant()));
    }

    @Override
    public void announce(ChangeNotice notice) {
        webhooks.offer(Notice.of(notice, clock.instant()));
    }
}
