package demo.mesh.console.notifications;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/** {@code GET /api/notifications}: each namespace's webhook and how its deliveries went, readable as routes are. */
@Controller("/api/notifications")
public class NotificationsController {

    private final Webhooks webhooks;

    public NotificationsController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Get
    public Map<String, WebhookStatus> status() {
        return webhooks.status();
    }
}
