package demo.mesh.console.notifications;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The webhook of one namespace: {@code mesh-console.notifications.webhooks.<namespace>.url-env} and {@code .format}.
 * The URL itself is a secret (a Slack webhook URL is its own password), so configuration names only the environment
 * variable that holds it; in a cluster that variable comes from a Secret.
 *
 * @param namespace whose changes are sent
 * @param urlEnv    the environment variable holding the receiver's URL
 * @param format    {@code json} (the change as a JSON object) or {@code slack} ({@code {"text": "…"}})
 */
@EachProperty(WebhookConfiguration.PREFIX)
public record WebhookConfiguration(@Parameter String namespace, String urlEnv,
                                   @Bindable(defaultValue = "json") String format) {

    public static final String PREFIX = NotificationsConfiguration.PREFIX + ".webhooks";

    public WebhookConfiguration {
        if (urlEnv == null || urlEnv.isBlank()) {
            throw new ConfigurationException(PREFIX + "." + namespace + ".url-env must name the environment variable"
                    + " that holds the webhook's URL");
        }
        WebhookFormat.of(format, PREFIX + "." + namespace + ".format");
    }
}
