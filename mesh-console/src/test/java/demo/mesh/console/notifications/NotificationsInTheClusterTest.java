package demo.mesh.console.notifications;

import demo.mesh.console.KubernetesStandIn;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as k8s/mesh-console.yaml starts it (Micronaut environment k8s): mesh-demo's webhook is on exactly when
 * the Deployment's variable MESH_CONSOLE_WEBHOOK_MESH_DEMO (from an optional Secret) holds a URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsInTheClusterTest {

    private static final String VARIABLE = "MESH_CONSOLE_WEBHOOK_MESH_DEMO";
    /** bcrypt (cost 4) of a password nobody uses: the cluster environment refuses to start without a user. */
    private static final String HASH = "$2a$04$sOW3Q8VcGFr8CfMkGmZFMOe5IFsRSbz9v.6KkcfA6b5aquXzlvj.e";

    private final KubernetesStandIn standIn = new KubernetesStandIn();

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void theSecretsUrlTurnsMeshDemosWebhookOn() {
        try (ApplicationContext console = start(Map.of(TestEnvironmentVariables.property(VARIABLE),
                "https://hooks.example.com/services/T0/B0/secret"))) {
            WebhookStatus status = console.getBean(Webhooks.class).status().get("mesh-demo");
            assertThat(status.format()).isEqualTo("json");
            assertThat(status.target()).isEqualTo("https://hooks.example.com/…");
        }
    }

    @Test
    void withoutTheSecretNoWebhookIsOn() {
        try (ApplicationContext console = start(Map.of())) {
            assertThat(console.getBean(Webhooks.class).status()).isEmpty();
        }
    }

    /** Only the k8s environment: JUnit on the stack would otherwise add "test" and its settings. */
    private ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("spec.name", getClass().getSimpleName());
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        properties.put("mesh-console.auth.username", "admin");
        properties.put("mesh-console.auth.password", HASH);
        return ApplicationContext.builder().deduceEnvironment(false).environments("k8s").properties(properties).start();
    }
}
