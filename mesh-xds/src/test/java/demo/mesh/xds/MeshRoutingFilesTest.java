package demo.mesh.xds;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshRoutingFilesTest {

    @Test
    void readsTheDestinationRuleAndASplitAsFabric8Objects() {
        MeshRouting routing = ShippedRouting.split("90-10");

        assertThat(routing.destinationRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2"));
        assertThat(routing.virtualServices()).singleElement()
                .satisfies(vs -> assertThat(vs.getSpec().getHttp()).extracting("name").containsExactly("logic-app-canary", "logic-app-split"));
        assertThat(ShippedRouting.splitRoute(routing).getRoute()).extracting("weight").containsExactly(90, 10);
    }

    @Test
    void anotherKindIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> MeshRoutingFiles.load(ShippedRouting.ENDPOINTS, List.of(ShippedRouting.ISTIO.resolve("gateway.yaml"))))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageContaining("gateway.yaml: kind: kind Gateway is not served by the local data plane");
    }

    @Test
    void twoSplitFilesForTheSameVirtualServiceAreRefused() {
        assertThatThrownBy(() -> MeshRoutingFiles.load(ShippedRouting.ENDPOINTS,
                List.of(ShippedRouting.virtualService("90-10"), ShippedRouting.virtualService("50-50"))))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageContaining("virtual-service-logic-app-50-50.yaml: metadata.name: VirtualService mesh-demo/logic-app is also in")
                .hasMessageContaining("virtual-service-logic-app-90-10.yaml");
    }

    @Test
    void severalDocumentsInOneFileAreRead() {
        MeshRouting routing = MeshRoutingFiles.load(ShippedRouting.ENDPOINTS,
                List.of(Path.of("src/test/resources/routing/rule-and-split.yaml")));

        assertThat(routing.destinationRules()).hasSize(1);
        assertThat(routing.virtualServices()).hasSize(1);
    }
}
