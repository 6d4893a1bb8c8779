package demo.mesh.console;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In a cluster (Micronaut environment k8s) the console refuses to start without a user and password, and says
 * which env vars and Secret keys to set; elsewhere it starts without them, as a console nobody can sign in to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupCredentialsTest {

    private final KubernetesStandIn standIn = new KubernetesStandIn();

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void withoutCredentialsTheConsoleDoesNotStartInTheCluster() {
        assertThatThrownBy(() -> start(Map.of(), "k8s").close())
                .hasStackTraceContaining("The console runs in a cluster (Micronaut environment k8s) without a sign-in "
                        + "(mesh-console.auth.username and mesh-console.auth.password not set). Set env vars "
                        + "MESH_CONSOLE_AUTH_USERNAME and MESH_CONSOLE_AUTH_PASSWORD: k8s/mesh-console.yaml reads them "
                        + "from keys username and password of Secret mesh-console-auth");
    }

    @Test
    void aPasswordAloneIsNotEnoughInTheCluster() {
        assertThatThrownBy(() -> start(Map.of("mesh-console.auth.password", "s3cret-enough"), "k8s").close())
                .hasStackTraceContaining("without a sign-in (mesh-console.auth.username not set)");
    }

    @Test
    void withCredentialsTheConsoleStartsInTheCluster() {
        try (ApplicationContext console = start(Map.of("mesh-console.auth.username", "admin",
                "mesh-console.auth.password", "s3cret-enough"), "k8s")) {
            assertThat(console.isRunning()).isTrue();
        }
    }

    @Test
    void outsideTheClusterTheConsoleStartsWithoutCredentials() {
        try (ApplicationContext console = start(Map.of())) {
            assertThat(console.isRunning()).isTrue();
        }
    }

    /** Only the named environments: JUnit on the stack would otherwise add "test", and its credentials. */
    private ApplicationContext start(Map<String, Object> auth, String... environments) {
        Map<String, Object> properties = new HashMap<>(auth);
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        return ApplicationContext.builder().deduceEnvironment(false).environments(environments)
                .properties(properties).start();
    }
}
