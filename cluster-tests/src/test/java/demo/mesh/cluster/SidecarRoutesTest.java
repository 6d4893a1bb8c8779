package demo.mesh.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the k3s-istio tests read a split out of {@code istioctl proxy-config routes -o json} (the shape of that output:
 * route configurations, their virtual hosts and named routes, camelCase as istioctl prints them); runs in every build.
 */
class SidecarRoutesTest {

    @Test
    void aWeightedRouteGivesEachSubsetItsWeight() throws IOException {
        assertThat(SidecarRoutes.splitsIn(dump(), "logic-app-split")).containsExactly(Map.of("v1", 90, "v2", 10));
    }

    @Test
    void aRouteToOneSubsetGivesItAllTheTraffic() throws IOException {
        assertThat(SidecarRoutes.splitsIn(dump(), "logic-app-canary")).containsExactly(Map.of("v2", 100));
    }

    @Test
    void aRouteTheSidecarDoesNotHaveGivesNoSplit() throws IOException {
        assertThat(SidecarRoutes.splitsIn(dump(), "logic-app-mirror")).isEmpty();
    }

    @Test
    void twoRouteConfigurationsThatDisagreeGiveTwoSplits() {
        String dump = """
                [{"name": "9090", "virtualHosts": [{"routes": [{"name": "split", "route": {"weightedClusters":
                    {"clusters": [{"name": "outbound|9090|v1|logic-app.mesh-demo.svc.cluster.local", "weight": 100}]}}}]}]},
                 {"name": "logic-app.mesh-demo.svc.cluster.local:9090", "virtualHosts": [{"routes": [{"name": "split",
                    "route": {"cluster": "outbound|9090|v2|logic-app.mesh-demo.svc.cluster.local"}}]}]}]
                """;

        assertThat(SidecarRoutes.splitsIn(dump, "split")).isEqualTo(Set.of(Map.of("v1", 100), Map.of("v2", 100)));
    }

    private static String dump() throws IOException {
        try (InputStream in = SidecarRoutesTest.class.getResourceAsStream("/istioctl/routes-access-app.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
