package demo.mesh.xds;

import io.envoyproxy.envoy.config.route.v3.Route;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the translation leaves out is reported, object and field, and the rest is still served. */
class TranslationWarningsTest {

    private static final String VIRTUAL_SERVICE = "VirtualService mesh-demo/logic-app";

    private final XdsTranslator translator = new XdsTranslator();

    @Test
    void faultMirrorQueryMatchesHeaderEditsAndTyposAreEachReported() {
        Translation translation = translator.translate(load("src/test/resources/routing/virtual-service-beyond-grpc.yaml"));

        List<TranslationWarning> routeWarnings = translation.warnings().stream()
                .filter(warning -> warning.object().equals(VIRTUAL_SERVICE))
                .toList();
        assertThat(routeWarnings).extracting(TranslationWarning::field).containsExactly(
                "spec.http[0].fault",
                "spec.http[0].mirror",
                "spec.http[0].match[0].queryParams",
                "spec.http[0].match[0]",
                "spec.http[1].headers",
                "spec.http[1].retrys");
        assertThat(routeWarnings.get(0).reason()).startsWith("fault injection is not generated");
        assertThat(routeWarnings.get(3).reason()).contains("this match is left out").contains("queryParams");
        assertThat(routeWarnings.get(5).reason()).isEqualTo("is not a field of Istio's HTTPRoute (a typo?)");
    }

    @Test
    void whatClientsCanCheckIsStillServed() {
        Translation translation = translator.translate(load("src/test/resources/routing/virtual-service-beyond-grpc.yaml"));

        assertThat(translation.resources().routes().get(0).getVirtualHosts(0).getRoutesList()).containsExactly(
                ProtoText.parse("""
                        name: "beta-users"
                        match {
                          prefix: "/mesh.logic.v1.Logic/"
                          case_sensitive { value: true }
                          headers { name: "x-user" safe_regex_match { regex: "alice|bob" } }
                        }
                        route {
                          cluster: "outbound|v2|logic-app.mesh-demo.svc.cluster.local"
                          max_stream_duration { max_stream_duration { seconds: 1 nanos: 500000000 } }
                        }
                        """, Route.getDefaultInstance()),
                ProtoText.parse("""
                        name: "everyone"
                        match { prefix: "" }
                        route { cluster: "outbound|v1|logic-app.mesh-demo.svc.cluster.local" }
                        """, Route.getDefaultInstance()));
    }

    @Test
    void gatewayRoutingIsLeftOutBecauseOnlyMeshRoutingReachesClients() {
        MeshRouting routing = MeshRoutingFiles.load(ShippedRouting.ENDPOINTS, List.of(ShippedRouting.DESTINATION_RULE,
                ShippedRouting.virtualService("90-10"), ShippedRouting.ISTIO.resolve("virtual-service-ingress.yaml")));

        Translation translation = translator.translate(routing);

        assertThat(translation.warnings()).filteredOn(warning -> warning.object().equals("VirtualService mesh-demo/mesh-demo-ingress"))
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.field()).isEqualTo("spec.gateways");
                    assertThat(warning.reason()).contains("[mesh-demo-gateway]").contains("left out");
                });
        assertThat(translation.resources().routes()).hasSize(1);
    }

    @Test
    void aZeroWeightDestinationThatCannotBeServedIsLeftOutWithAWarning() {
        MeshRouting routing = ShippedRouting.split("100-0");
        ShippedRouting.splitRoute(routing).getRoute().get(1).getDestination().setSubset("v3");

        Translation translation = translator.translate(routing);

        assertThat(translation.warnings()).contains(new TranslationWarning(VIRTUAL_SERVICE, "spec.http[1].route[1].destination.subset",
                "subset v3 is not defined in DestinationRule mesh-demo/logic-app; left out, as its weight is 0"));
        Route split = translation.resources().routes().get(0).getVirtualHosts(0).getRoutes(1);
        assertThat(split.getRoute().getCluster()).isEqualTo("outbound|v1|logic-app.mesh-demo.svc.cluster.local");
    }

    private static MeshRouting load(String virtualService) {
        return MeshRoutingFiles.load(ShippedRouting.ENDPOINTS, List.of(ShippedRouting.DESTINATION_RULE, Path.of(virtualService)));
    }
}
