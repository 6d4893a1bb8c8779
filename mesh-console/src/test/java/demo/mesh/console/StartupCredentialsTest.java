package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passwords are configured as bcrypt hashes only: a plain one stops the start-up and says how to make a hash. In a
 * cluster (Micronaut environment k8s) the console also refuses to start when nobody could sign in, and says which
 * Secret to create; elsewhere it starts without users, as a console nobody can sign in to. Started, the configured
 * people sign in with their passwords and nobody else does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupCredentialsTest {

    /** bcrypt (cost 4) of test-password-1. */
    private static final String HASH = "$2a$04$sOW3Q8VcGFr8CfMkGmZFMOe5IFsRSbz9v.6KkcfA6b5aquXzlvj.e";

    private final KubernetesStandIn standIn = new KubernetesStandIn();

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void withoutAnyWayToSignInTheConsoleDoesNotStartInTheCluster() {
        assertThatThrownBy(() -> start(Map.of(), "k8s").close())
                .hasStackTraceContaining("The console runs in a cluster (Micronaut environment k8s) and nobody can "
                        + "sign in: no users file (mesh-console.auth.users-file), no single user")
                .hasStackTraceContaining("k8s/mesh-console.yaml mounts key users of Secret mesh-console-auth");
    }

    @Test
    void aPasswordAloneIsNotEnoughInTheCluster() {
        assertThatThrownBy(() -> start(Map.of("mesh-console.auth.password", HASH), "k8s").close())
                .hasStackTraceContaining("nobody can sign in");
    }

    @Test
    void aPlainPasswordIsRefusedAtStartUp() {
        assertThatThrownBy(() -> start(Map.of("mesh-console.auth.username", "admin",
                "mesh-console.auth.password", "s3cret-enough")).close())
                .hasStackTraceContaining("mesh-console.auth.password (env MESH_CONSOLE_AUTH_PASSWORD) is not a bcrypt "
                        + "hash: the console accepts no plain password")
                .hasStackTraceContaining("demo.mesh.console.security.HashPassword prints one")
                .satisfies(e -> assertThat(e.toString() + e.getCause()).doesNotContain("s3cret-enough"));
    }

    @Test
    void aPlainPasswordInTheUsersFileIsRefusedNamingTheLine() {
        String file = resource("users/plain.users");
        assertThatThrownBy(() -> start(Map.of("mesh-console.auth.users-file", file)).close())
                .hasStackTraceContaining("Users file " + file + ", line 2: the password of user mallory is not a "
                        + "bcrypt hash; plain passwords are refused");
    }

    @Test
    void aMistypedGrantIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> start(Map.of("mesh-console.auth.oidc.grants", "group:sre=mesh-demo:admin")).close())
                .hasStackTraceContaining("mesh-console.auth.oidc.grants entry 'group:sre=mesh-demo:admin': unknown "
                        + "role 'admin': the roles are viewer and operator");
    }

    @Test
    void withAHashedPasswordTheConsoleStartsInTheClusterAndThatUserSignsIn() {
        try (ApplicationContext console = start(Map.of("mesh-console.auth.username", "admin",
                "mesh-console.auth.password", HASH), "k8s")) {
            ConsoleClient client = new ConsoleClient(serve(console));
            assertThat(signInStatus(client, "admin", "test-password-2")).as("a wrong password").isEqualTo(401);
            assertThat(client.signIn("admin", "test-password-1").get("/api/session").json().path("user").asText())
                    .isEqualTo("admin");
        }
    }

    @Test
    void withAUsersFileTheConsoleStartsInTheClusterAndItsPeopleSignIn() {
        try (ApplicationContext console = start(Map.of("mesh-console.auth.users-file", resource("users/team.users")),
                "k8s")) {
            ConsoleClient client = new ConsoleClient(serve(console));
            assertThat(signInStatus(client, "olivia", "victor-password")).as("another's password").isEqualTo(401);
            assertThat(client.signIn("olivia", "olivia-password").get("/api/session").json().path("user").asText())
                    .isEqualTo("olivia");
        }
    }

    @Test
    void outsideTheClusterTheConsoleStartsWithoutCredentialsAndNobodySignsIn() {
        try (ApplicationContext console = start(Map.of())) {
            URI base = serve(console);
            assertThat(new ConsoleClient(base).get("/api/routes").status()).as("reads are served").isEqualTo(200);
            assertThat(signInStatus(new ConsoleClient(base), "admin", "test-password-1")).isEqualTo(401);
        }
    }

    /** Starts the context's HTTP server on a free loopback port, as the application would. */
    private static URI serve(ApplicationContext console) {
        return console.getBean(EmbeddedServer.class).start().getURI();
    }

    private static int signInStatus(ConsoleClient client, String username, String password) {
        return client.send("POST", "/login", "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", false).status();
    }

    /** Only the named environments: JUnit on the stack would otherwise add "test", and its credentials. */
    private ApplicationContext start(Map<String, Object> auth, String... environments) {
        Map<String, Object> properties = new HashMap<>(auth);
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        return ApplicationContext.builder().deduceEnvironment(false).environments(environments)
                .properties(properties).start();
    }

    private static String resource(String name) {
        try {
            return Path.of(StartupCredentialsTest.class.getResource("/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
