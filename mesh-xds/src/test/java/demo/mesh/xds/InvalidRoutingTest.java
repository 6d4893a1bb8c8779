package demo.mesh.xds;

import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing that would send traffic nowhere is refused, with the object and field to fix. */
class InvalidRoutingTest {

    private final XdsTranslator translator = new XdsTranslator();

    @Test
    void routeToASubsetTheRuleDoesNotDefine() {
        MeshRouting routing = ShippedRouting.split("90-10");
        ShippedRouting.splitRoute(routing).getRoute().get(1).getDestination().setSubset("v3");

        assertRefused(routing, "VirtualService mesh-demo/logic-app: spec.http[1].route[1].destination.subset: "
                + "subset v3 is not defined in DestinationRule mesh-demo/logic-app");
    }

    @Test
    void weightsThatDoNotAddUpTo100() {
        MeshRouting routing = ShippedRouting.withWeights(ShippedRouting.split("90-10"), 80, 10);

        assertRefused(routing, "VirtualService mesh-demo/logic-app: spec.http[1].route: weights add up to 90, not 100 (v1=80 v2=10)");
    }

    @Test
    void negativeWeight() {
        MeshRouting routing = ShippedRouting.withWeights(ShippedRouting.split("90-10"), 110, -10);

        assertRefused(routing, "VirtualService mesh-demo/logic-app: spec.http[1].route[0].weight: must be from 0 to 100, got 110");
    }

    @Test
    void subsetWithoutLocalEndpoints() {
        LocalEndpoints onlyV1 = LocalEndpoints.parse("local/endpoints.yaml", """
                namespace: mesh-demo
                services:
                  logic-app:
                    v1: [127.0.0.1:9091]
                """);

        assertRefused(ShippedRouting.split("90-10", onlyV1), "VirtualService mesh-demo/logic-app: spec.http[0].route[0].destination: "
                + "local/endpoints.yaml lists no endpoints for subset v2 of logic-app");
    }

    @Test
    void subsetsWithoutAnyDestinationRule() {
        MeshRouting shipped = ShippedRouting.split("90-10");
        MeshRouting withoutRule = new MeshRouting(shipped.virtualServices(), List.of(), shipped.endpoints());

        assertRefused(withoutRule, "VirtualService mesh-demo/logic-app: spec.http[0].route[0].destination.subset: subset v2 of logic-app"
                + " is not defined: no DestinationRule defines subsets for logic-app.mesh-demo.svc.cluster.local");
    }

    @Test
    void twoVirtualServicesForOneHost() {
        MeshRouting shipped = ShippedRouting.split("90-10");
        VirtualService copy = ShippedRouting.split("50-50").virtualServices().get(0);
        copy.getMetadata().setName("logic-app-copy");
        MeshRouting routing = new MeshRouting(List.of(shipped.virtualServices().get(0), copy), shipped.destinationRules(), shipped.endpoints());

        assertRefused(routing, "VirtualService mesh-demo/logic-app-copy: spec.hosts[0]: logic-app.mesh-demo.svc.cluster.local"
                + " is already routed by VirtualService mesh-demo/logic-app; give each host one VirtualService");
    }

    @Test
    void durationIstioCannotRead() {
        MeshRouting routing = ShippedRouting.split("90-10");
        ShippedRouting.splitRoute(routing).setTimeout("soon");

        assertRefused(routing, "VirtualService mesh-demo/logic-app: spec.http[1].timeout: 'soon' is not a duration such as 2s, 500ms or 1m30s");
    }

    @Test
    void headerRegexThatDoesNotCompile() {
        MeshRouting routing = ShippedRouting.split("90-10");
        var canary = routing.virtualServices().get(0).getSpec().getHttp().get(0).getMatch().get(0);
        canary.getHeaders().put("x-canary", new io.fabric8.istio.api.api.networking.v1alpha3.StringMatch(
                new io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex("(true")));

        assertRefused(routing, "VirtualService mesh-demo/logic-app: spec.http[0].match[0].headers.x-canary.regex: '(true' is not a regular expression");
    }

    private void assertRefused(MeshRouting routing, String message) {
        assertThatThrownBy(() -> translator.translate(routing))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageStartingWith(message);
    }
}
