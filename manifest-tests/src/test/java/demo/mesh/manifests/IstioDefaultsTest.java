package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code kubectl apply -k istio} sets up: the way in, the 90/10 split, mTLS and who may call whom. */
class IstioDefaultsTest {

    private static final String INGRESS_GATEWAY = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";
    private static final String CONSOLE = "cluster.local/ns/mesh-demo/sa/mesh-console";

    private static Manifests istio;

    @BeforeAll
    static void render() {
        istio = ProjectFiles.rendered(ProjectFiles.istio());
    }

    @Test
    void appliesTheGatewayTheRulesTheDefaultSplitAndTheSecurity() {
        assertThat(istio.all()).extracting(Manifest::ref).containsExactlyInAnyOrder(
                "Gateway mesh-demo-gateway",
                "VirtualService mesh-demo-ingress",
                "DestinationRule logic-app",
                "VirtualService logic-app",
                "PeerAuthentication default",
                "AuthorizationPolicy logic-app",
                "AuthorizationPolicy access-app",
                "AuthorizationPolicy mesh-console");
        IstioFilesTest.assertWeights(istio.find("VirtualService", "logic-app").orElseThrow(), 90, 10);
    }

    @Test
    void theGatewayListensOnPort80OfIstiosIngressGateway() {
        Manifest gateway = istio.find("Gateway", "mesh-demo-gateway").orElseThrow();

        assertThat(gateway.at("/spec/selector/istio").asText()).isEqualTo("ingressgateway");
        assertThat(gateway.at("/spec/servers/0/port/number").asInt()).isEqualTo(80);
    }

    @Test
    void theGatewayServesTheConsoleUnderSlashConsoleAndEverythingElseFromAccessApp() {
        JsonNode http = istio.find("VirtualService", "mesh-demo-ingress").orElseThrow().at("/spec/http");

        assertThat(http.findValuesAsText("name")).containsExactly("console-redirect", "console", "access-app");
        assertThat(http.get(0).at("/redirect/uri").asText()).isEqualTo("/console/");
        assertThat(http.get(1).at("/match/0/uri/prefix").asText()).isEqualTo("/console/");
        assertThat(http.get(1).at("/rewrite/uri").asText()).isEqualTo("/");
        assertThat(http.get(1).at("/route/0/destination/host").asText()).isEqualTo("mesh-console");
        assertThat(http.get(2).at("/route/0/destination/host").asText()).isEqualTo("access-app");
    }

    @Test
    void logicAppCallersLimitConcurrencyAndEjectFailingPods() {
        JsonNode policy = istio.find("DestinationRule", "logic-app").orElseThrow().at("/spec/trafficPolicy");

        assertThat(policy.at("/connectionPool/http/http2MaxRequests").asInt()).isPositive();
        assertThat(policy.at("/outlierDetection/consecutive5xxErrors").asInt()).isPositive();
        assertThat(policy.at("/outlierDetection/baseEjectionTime").asText()).isNotEmpty();
    }

    @Test
    void everyCallInTheNamespaceIsMutualTls() {
        Manifest peerAuthentication = istio.find("PeerAuthentication", "default").orElseThrow();

        assertThat(peerAuthentication.at("/spec/mtls/mode").asText()).isEqualTo("STRICT");
        assertThat(peerAuthentication.at("/spec/selector").isMissingNode()).isTrue();
    }

    @Test
    void onlyAccessAppMayCallLogicApp() {
        assertOnlyAllowed("logic-app", "cluster.local/ns/mesh-demo/sa/access-app");
    }

    @Test
    void onlyTheIngressGatewayMayCallTheConsole() {
        assertOnlyAllowed("mesh-console", INGRESS_GATEWAY);
    }

    @Test
    void accessAppTakesAnythingFromTheGatewayAndOnlyGetApiHelloFromTheConsolesLoadGenerator() {
        Manifest policy = istio.find("AuthorizationPolicy", "access-app").orElseThrow();
        JsonNode rules = policy.at("/spec/rules");

        assertThat(policy.at("/spec/action").asText()).isEqualTo("ALLOW");
        assertThat(rules.size()).isEqualTo(2);
        assertThat(rules.at("/0/from/0/source/principals")).extracting(JsonNode::asText).containsExactly(INGRESS_GATEWAY);
        assertThat(rules.at("/0/to").isMissingNode()).isTrue();
        assertThat(rules.at("/1/from/0/source/principals")).extracting(JsonNode::asText)
                .containsExactly(CONSOLE);
        assertThat(rules.at("/1/to")).hasSize(1);
        assertThat(rules.at("/1/to/0/operation/methods")).extracting(JsonNode::asText).containsExactly("GET");
        assertThat(rules.at("/1/to/0/operation/paths")).extracting(JsonNode::asText).containsExactly("/api/hello");
    }

    @Test
    void theConsolesLoadTargetIsWhatAccessAppsPolicyLetsTheConsoleCall() {
        Manifests k8s = ProjectFiles.rendered(ProjectFiles.k8s());
        URI target = URI.create(k8s.find("ConfigMap", "mesh-console-config").orElseThrow()
                .at("/data/MESH_CONSOLE_LOAD_TARGET").asText());
        Manifest service = k8s.find("Service", target.getHost()).orElseThrow();
        JsonNode allowed = istio.find("AuthorizationPolicy", target.getHost()).orElseThrow().at("/spec/rules/1/to/0/operation");

        assertThat(target.getScheme()).isEqualTo("http");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(target.getPort());
        assertThat(allowed.at("/paths/0").asText()).isEqualTo(target.getPath());
        assertThat(target.getQuery()).isEqualTo("name=console");
    }

    @Test
    void theProxylessMtlsComponentAsksForIstioMutualTlsToLogicAppAndChangesNothingElse(@TempDir Path overlay) {
        Manifests withComponent = ProjectFiles.renderedWithComponent(overlay, ProjectFiles.istio(), "proxyless-mtls");
        JsonNode rule = withComponent.find("DestinationRule", "logic-app").orElseThrow().body();

        assertThat(rule.at("/spec/trafficPolicy/tls/mode").asText()).isEqualTo("ISTIO_MUTUAL");
        ObjectNode withoutTls = rule.deepCopy();
        ((ObjectNode) withoutTls.at("/spec/trafficPolicy")).remove("tls");
        assertThat(withoutTls).isEqualTo(istio.find("DestinationRule", "logic-app").orElseThrow().body());
        assertThat(withComponent.all()).extracting(Manifest::ref)
                .containsExactlyInAnyOrderElementsOf(istio.all().stream().map(Manifest::ref).toList());
        assertThat(Checks.run(Checks.all(ProjectFiles.root()), ProjectFiles.rendered(ProjectFiles.k8s()).plus(withComponent)))
                .isEmpty();
    }

    private static void assertOnlyAllowed(String app, String principal) {
        Manifest policy = istio.find("AuthorizationPolicy", app).orElseThrow();

        assertThat(policy.at("/spec/selector/matchLabels/app").asText()).isEqualTo(app);
        assertThat(policy.at("/spec/action").asText()).isEqualTo("ALLOW");
        JsonNode rules = policy.at("/spec/rules");
        assertThat(rules.size()).as("rules of %s", policy.ref()).isEqualTo(1);
        assertThat(rules.at("/0/from").size()).as("sources of %s", policy.ref()).isEqualTo(1);
        assertThat(rules.at("/0/from/0/source/principals")).extracting(JsonNode::asText).containsExactly(principal);
    }
}
