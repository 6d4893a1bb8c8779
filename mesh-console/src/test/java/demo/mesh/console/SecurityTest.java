package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads are open by default; writes need a signed-in user and the CSRF token from sign-in. */
@MicronautTest
class SecurityTest extends StandInTest {

    private String version;

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
        version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    @Test
    void anyoneMayRead() {
        assertThat(anonymous().get("/api/routes").status()).isEqualTo(200);
        assertThat(anonymous().get(ROUTES + "logic-app/history").status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedWriteIs401AndChangesNothing() {
        Response response = anonymous().put(ROUTES + "logic-app", split(version, 90, 10));

        assertThat(response.status()).isEqualTo(401);
        assertThat(anonymous().post(ROUTES + "logic-app/revert", "{}").status()).isEqualTo(401);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void wrongPasswordDoesNotSignIn() {
        Response response = anonymous().send("POST", "/login", "application/json",
                "{\"username\":\"alice\",\"password\":\"guess\"}", false);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void signedInWriteWithoutTheCsrfTokenIs403AndChangesNothing() {
        // What a forged cross-site request looks like: the browser sends the cookies, but the page's token is missing.
        Response response = alice().send("PUT", ROUTES + "logic-app", "application/json", split(version, 90, 10), false);

        assertThat(response.status()).isEqualTo(403);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void signedInWriteAsACrossSiteFormWouldSendItIs403() {
        // A form on another site can send text/plain with the cookies, and no header at all.
        Response response = alice().send("PUT", ROUTES + "logic-app", "text/plain", split(version, 90, 10), false);

        assertThat(response.status()).isEqualTo(403);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void signedInWriteWithAForgedCsrfTokenIs403() {
        // A script that guessed at the header: a token is sent, but not the one in the CSRF cookie.
        Response response = alice().send("PUT", ROUTES + "logic-app", "application/json", split(version, 90, 10),
                "forged-token");

        assertThat(response.status()).isEqualTo(403);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void sessionEndpointSaysWhoIsSignedIn() {
        assertThat(anonymous().get("/api/session").json().hasNonNull("user")).isFalse();
        assertThat(alice().get("/api/session").json().path("user").asText()).isEqualTo("alice");
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleClient alice = alice();

        assertThat(alice.send("POST", "/logout", "application/json", "{}", true).status()).isLessThan(400);
        assertThat(alice.get("/api/session").json().hasNonNull("user")).isFalse();
        assertThat(alice.put(ROUTES + "logic-app", split(version, 90, 10)).status()).isEqualTo(401);
    }

    @Test
    void healthAndMetricsNeedNoSignIn() {
        assertThat(anonymous().get("/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous().get("/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous().get("/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void otherManagementEndpointsNeedSignIn() {
        assertThat(anonymous().get("/loggers").status()).isEqualTo(401);
        assertThat(anonymous().get("/beans").status()).isEqualTo(401);
    }
}
