package demo.mesh.console.notifications;

import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a webhook's receiver reads: the change as a JSON object, or one line of text as Slack's webhooks take it. */
public enum WebhookFormat {
    JSON, SLACK;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param setting the configuration key, named when {@code format} is none of these */
    static WebhookFormat of(String format, String setting) {
        return Arrays.stream(values()).filter(f -> f.json().equals(format)).findFirst()
                .orElseThrow(() -> new ConfigurationException(setting + " must be one of "
                        + Arrays.stream(values()).map(WebhookFormat::json).collect(Collectors.joining(", "))
                        + ", got " + format));
    }
}
