package demo.mesh.console.security;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.security.Changes.LOGIC_APP;
import static demo.mesh.console.security.Changes.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * People from a users file, each with a role per namespace (users/team.users): an operator of mesh-demo shifts it;
 * a viewer there, an operator of another namespace only, or a reader of all are refused with 403, told which role
 * in which namespace they lack, and nothing changes.
 */
@MicronautTest
class NamespaceRolesTest extends TeamUsersTest {

    private String version;

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
        version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    @Test
    void anOperatorOfTheNamespaceShiftsAndHistoryAndEventNameThem() {
        assertThat(as("olivia").put(LOGIC_APP, split(version, 90, 10)).status()).isEqualTo(200);

        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
        assertThat(anonymous().get(LOGIC_APP + "/history").json().get(0).path("user").asText()).isEqualTo("olivia");
        assertThat(recordedEvents()).singleElement().extracting(Event::getMessage).asString()
                .endsWith(" by olivia");
    }

    @Test
    void aViewerOfTheNamespaceIsRefusedWithTheRoleAndNamespaceNamed() {
        Response response = as("victor").put(LOGIC_APP, split(version, 90, 10));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.message()).isEqualTo("PUT " + LOGIC_APP + " needs the operator role in namespace "
                + "mesh-demo; victor is viewer there");
        assertNothingChanged();
    }

    @Test
    void aViewerMayNeitherSetNorRemoveAHeaderCanary() {
        ConsoleClient victor = as("victor");

        Response set = victor.put(LOGIC_APP + "/header-canary", "{\"header\":\"x-canary\",\"value\":\"true\","
                + "\"subset\":\"v2\",\"resourceVersion\":\"" + version + "\"}");
        Response remove = victor.send("DELETE", LOGIC_APP + "/header-canary", "application/json",
                "{\"header\":\"x-canary\",\"resourceVersion\":\"" + version + "\"}", true);

        assertThat(set.status()).isEqualTo(403);
        assertThat(set.message()).isEqualTo("PUT " + LOGIC_APP + "/header-canary needs the operator role in namespace "
                + "mesh-demo; victor is viewer there");
        assertThat(remove.status()).isEqualTo(403);
        assertThat(remove.message()).startsWith("DELETE " + LOGIC_APP + "/header-canary needs the operator role");
        assertNothingChanged();
    }

    @Test
    void anOperatorOfAnotherNamespaceOnlyHasNoRoleHere() {
        ConsoleClient nora = as("nora");

        Response shift = nora.put(LOGIC_APP, split(version, 90, 10));
        Response revert = nora.post(LOGIC_APP + "/revert", "{}");

        assertThat(shift.status()).isEqualTo(403);
        assertThat(shift.message()).endsWith("needs the operator role in namespace mesh-demo; nora has no role there");
        assertThat(revert.status()).isEqualTo(403);
        assertNothingChanged();
    }

    @Test
    void aReaderOfEveryNamespaceMayNotStartTheLoad() {
        Response response = as("vera").post("/api/load", "{\"rate\":1,\"durationSeconds\":1}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.message()).isEqualTo("POST /api/load needs the operator role in at least one namespace; "
                + "vera has it in none");
        assertThat(anonymous().get("/api/load").json().path("running").asBoolean()).isFalse();
    }

    @Test
    void theSessionTellsThePageEachRolePerNamespace() {
        assertThat(as("victor").get("/api/session").json().path("roles").toString())
                .isEqualTo("{\"mesh-demo\":\"viewer\",\"team-b\":\"operator\"}");
        assertThat(as("vera").get("/api/session").json().path("roles").toString()).isEqualTo("{\"*\":\"viewer\"}");
        assertThat(anonymous().get("/api/session").json().path("roles").toString()).isEqualTo("{}");
    }

    @Test
    void theSingleConfiguredUserStillOperatesEverywhere() {
        assertThat(alice().put(LOGIC_APP, split(version, 90, 10)).status()).isEqualTo(200);
        assertThat(alice().get("/api/session").json().path("roles").toString()).isEqualTo("{\"*\":\"operator\"}");
    }

    @Test
    void aWrongPasswordIsAJson401SayingSo() {
        Response wrong = signIn("olivia", "victor-password");
        Response unknown = signIn("oscar", "oscar-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(wrong.message()).isEqualTo("wrong user name or password");
        // An unknown name gets the same answer, so the answer does not tell which names exist.
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.message()).isEqualTo("wrong user name or password");
    }

    private Response signIn(String name, String password) {
        return anonymous().send("POST", "/login", "application/json",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}", false);
    }

    private void assertNothingChanged() {
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
        assertThat(standIn.virtualService("logic-app").getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(recordedEvents()).isEmpty();
    }
}
