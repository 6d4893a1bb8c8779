package demo.mesh.console.security;

import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.security.Changes.LOGIC_APP;
import static demo.mesh.console.security.Changes.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in against a real provider on loopback (mock-oauth2-server: discovery, keys, authorization
 * and token endpoints, signed ID tokens), through the authorization-code flow as a browser follows it. Roles come
 * from the groups claim, written as grants or mapped by the console's table; people are named by
 * {@code preferred_username}, else email, never by the opaque subject.
 */
@MicronautTest
class OidcSignInTest extends StandInTest {

    private static final String ISSUER = "issuer";
    private static final String CLIENT_ID = "mesh-console";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private String version;

    @Override
    public Map<String, String> getProperties() {
        try {
            provider.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.security.oauth2.clients.team.client-id", CLIENT_ID);
        properties.put("micronaut.security.oauth2.clients.team.client-secret", "not-checked-by-the-test-provider");
        properties.put("micronaut.security.oauth2.clients.team.openid.issuer", provider.issuerUrl(ISSUER).toString());
        properties.put("mesh-console.auth.oidc.grants", "group:platform=mesh-demo:operator");
        return properties;
    }

    @AfterAll
    void stopProvider() {
        provider.shutdown();
    }

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
        version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    @Test
    void theSessionOffersTheProvider() {
        assertThat(anonymous().get("/api/session").json().path("signInWith").toString())
                .isEqualTo("[{\"name\":\"team\",\"path\":\"oauth/login/team\"}]");
    }

    @Test
    void aViewerCannotShiftAnOperatorCanAndHistoryNamesEach() {
        ConsoleClient viewer = signIn("0b6e1d7c-viewer", Map.of("preferred_username", "vic",
                "groups", List.of("mesh-demo:viewer", "everyone")));
        ConsoleClient operator = signIn("4f1a9e22-operator", Map.of("email", "ola@example.com",
                "groups", List.of("platform")));

        Response refused = viewer.put(LOGIC_APP, split(version, 90, 10));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).endsWith("needs the operator role in namespace mesh-demo; vic is viewer there");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
        assertThat(recordedEvents()).isEmpty();

        assertThat(operator.put(LOGIC_APP, split(version, 90, 10)).status()).isEqualTo(200);
        String shifted = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
        assertThat(viewer.put(LOGIC_APP, split(shifted, 50, 50)).status()).isEqualTo(403);

        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
        assertThat(anonymous().get(LOGIC_APP + "/history").json().findValuesAsText("user"))
                .containsExactly("ola@example.com");
        assertThat(recordedEvents()).singleElement().extracting(Event::getMessage).asString()
                .endsWith(" by ola@example.com");
    }

    @Test
    void theSessionNamesThePersonAndTheirRoles() {
        ConsoleClient viewer = signIn("0b6e1d7c-viewer", Map.of("preferred_username", "vic",
                "email", "vic@example.com", "groups", List.of("mesh-demo:viewer")));

        Response session = viewer.get("/api/session");
        assertThat(session.json().path("user").asText()).isEqualTo("vic");
        assertThat(session.json().path("roles").toString()).isEqualTo("{\"mesh-demo\":\"viewer\"}");
    }

    /** Signs in the way a browser does: the console's login path, the provider, the callback, back to the page. */
    private ConsoleClient signIn(String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
        ConsoleClient client = anonymous();
        Response page = client.followRedirects("/oauth/login/team");
        assertThat(page.status()).as("the page after signing in: %s", page).isEqualTo(200);
        assertThat(page.body()).contains("<title>mesh console</title>");
        return client;
    }


}
