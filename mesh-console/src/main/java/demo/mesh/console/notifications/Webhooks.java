package demo.mesh.console.notifications;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The configured webhooks, one per namespace, each with its URL read from the environment variable its
 * configuration names. A webhook whose variable is unset is off (an optional Secret nobody created), and says so
 * once at start-up.
 */
@Singleton
public class Webhooks {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final Map<String, Webhook> byNamespace = new TreeMap<>();

    Webhooks(List<WebhookConfiguration> configurations, NotificationsConfiguration settings, EnvironmentVariables env,
             JsonMapper json) {
        WebhookPost post = new WebhookPost(settings);
        for (WebhookConfiguration configuration : configurations) {
            String setting = WebhookConfiguration.PREFIX + "." + configuration.namespace();
            Optional<String> url = env.get(configuration.urlEnv());
            if (url.isEmpty()) {
                LOG.info("Notifications for {} are off: environment variable {} ({}.url-env) is not set",
                        configuration.namespace(), configuration.urlEnv(), setting);
                continue;
            }
            URI target = parse(url.get(), configuration.urlEnv());
            WebhookFormat format = WebhookFormat.of(configuration.format(), setting + ".format");
            byNamespace.put(configuration.namespace(), new Webhook(configuration.namespace(), target, format,
                    renderer(format, json), post, settings, Clock.systemUTC()));
            LOG.info("Notifications for {}: {} to {}", configuration.namespace(), format.json(),
                    SecretUrl.redacted(target));
        }
    }

    /** Queues {@code notice} for its namespace's webhook, if it has one; never waits. */
    void offer(Notice notice) {
        Webhook webhook = byNamespace.get(notice.namespace());
        if (webhook != null) {
            webhook.offer(notice);
        }
    }

    /** Every webhook that is on, by namespace. */
    public Map<String, WebhookStatus> status() {
        Map<String, WebhookStatus> status = new TreeMap<>();
        byNamespace.forEach((namespace, webhook) -> status.put(namespace, webhook.status()));
        return status;
    }

    @PreDestroy
    void close() {
        byNamespace.values().forEach(Webhook::close);
    }

    /** The value is a secret: errors name the variable, never what is in it. */
    private static URI parse(String url, String variable) {
        String problem = "environment variable " + variable + " must hold the webhook's http(s) URL";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(problem + ": " + e.getReason());
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigurationException(problem + ", with a host");
        }
        return uri;
    }

    private static Function<Notice, String> renderer(WebhookFormat format, JsonMapper json) {
        return notice -> {
            try {
                Object body = format == WebhookFormat.SLACK ? Map.of("text", notice.message()) : notice;
                return json.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException("notice of " + notice.namespace() + " could not be written as JSON", e);
            }
        };
    }
}
