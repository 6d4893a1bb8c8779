package demo.mesh.console.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console against the Kubernetes stand-in whose namespace mesh-demo posts its changes to a {@link WebhookReceiver}
 * on loopback, retrying quickly so that tests wait little. Subclasses add {@code @MicronautTest} and may change the
 * settings.
 */
abstract class NotificationTest extends StandInTest {

    static final String LOGIC_APP = ROUTES + "logic-app";
    static final String VARIABLE = "WEBHOOK_URL";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    final WebhookReceiver receiver = new WebhookReceiver();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", getClass().getSimpleName());
        properties.put(WebhookConfiguration.PREFIX + ".mesh-demo.url-env", VARIABLE);
        properties.put(TestEnvironmentVariables.property(VARIABLE), receiver.url());
        properties.put(NotificationsConfiguration.PREFIX + ".timeout", "3s");
        properties.put(NotificationsConfiguration.PREFIX + ".attempts", "3");
        properties.put(NotificationsConfiguration.PREFIX + ".first-backoff", "50ms");
        properties.put(NotificationsConfiguration.PREFIX + ".max-backoff", "200ms");
        return properties;
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    /** Sets logic-app's split as {@code person}, with the version just read; the answer must be 200. */
    static Response shift(ConsoleClient person, int v1, int v2) {
        String version = person.get(LOGIC_APP).json().path("resourceVersion").asText();
        Map<String, Integer> split = new LinkedHashMap<>(); // in the route's order, as a person sends it
        split.put("v1", v1);
        split.put("v2", v2);
        Map<String, Object> body = Map.of("weights", split, "resourceVersion", version);
        Response response;
        try {
            response = person.put(LOGIC_APP, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Waits until the receiver has got {@code count} bodies in all, and answers them. */
    List<JsonNode> awaitReceived(int count) {
        await().atMost(WAIT).until(() -> receiver.received().size() >= count);
        List<JsonNode> received = receiver.received();
        assertThat(received).as("bodies received").hasSize(count);
        return received;
    }

    /** Waits until mesh-demo's webhook status satisfies {@code condition}, and answers it. */
    JsonNode awaitStatus(Predicate<JsonNode> condition) {
        await().atMost(WAIT).until(() -> condition.test(status()));
        return status();
    }

    JsonNode status() {
        return anonymous().get("/api/notifications").json().path("mesh-demo");
    }

    static Map<String, Integer> weights(JsonNode split) {
        return JSON.convertValue(split, JSON.getTypeFactory().constructMapType(Map.class, String.class, Integer.class));
    }
}
