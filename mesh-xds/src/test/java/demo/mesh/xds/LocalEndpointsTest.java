package demo.mesh.xds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalEndpointsTest {

    private static final ServiceHost LOGIC_APP = new ServiceHost("logic-app", "mesh-demo");

    @Test
    void shippedFilePutsV1AndV2OnThePortsRunLocalUses() {
        LocalEndpoints endpoints = LocalEndpoints.load(ShippedRouting.ENDPOINTS);

        assertThat(endpoints.subset(LOGIC_APP, "v1")).containsExactly(new EndpointAddress("127.0.0.1", 9091));
        assertThat(endpoints.subset(LOGIC_APP, "v2")).containsExactly(new EndpointAddress("127.0.0.1", 9092));
        assertThat(endpoints.all(LOGIC_APP)).hasSize(2);
    }

    @Test
    void fullyQualifiedHostNamesTheSameService() {
        LocalEndpoints endpoints = LocalEndpoints.parse("endpoints.yaml", """
                namespace: mesh-demo
                services:
                  logic-app.mesh-demo.svc.cluster.local:
                    v1: [127.0.0.1:9091]
                """);

        assertThat(endpoints.subset(LOGIC_APP, "v1")).containsExactly(new EndpointAddress("127.0.0.1", 9091));
    }

    @Test
    void subsetWithoutEndpointsIsRefusedByName() {
        assertThatThrownBy(() -> LocalEndpoints.parse("local/endpoints.yaml", """
                namespace: mesh-demo
                services:
                  logic-app:
                    v1: [127.0.0.1:9091]
                    v3: []
                """))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessage("local/endpoints.yaml: services.logic-app.v3: subset v3 of logic-app has no endpoints");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost:9091 | services.logic-app.v1[0]: 'localhost:9091' does not start with an IP address",
            "127.0.0.1      | services.logic-app.v1[0]: '127.0.0.1' needs a port from 1 to 65535",
            "127.0.0.1:0    | services.logic-app.v1[0]: '127.0.0.1:0' needs a port from 1 to 65535",
            "127.0.0.1:99999| services.logic-app.v1[0]: '127.0.0.1:99999' is not IP:PORT"})
    void badAddressIsRefusedWithWhereAndWhy(String address, String expected) {
        String yaml = "namespace: mesh-demo\nservices:\n  logic-app:\n    v1: [\"" + address + "\"]\n";

        assertThatThrownBy(() -> LocalEndpoints.parse("local/endpoints.yaml", yaml))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageStartingWith("local/endpoints.yaml: " + expected);
    }

    @Test
    void missingNamespaceIsRefused() {
        assertThatThrownBy(() -> LocalEndpoints.parse("local/endpoints.yaml", "services:\n  logic-app:\n    v1: [127.0.0.1:9091]\n"))
                .hasMessageStartingWith("local/endpoints.yaml: namespace: is required");
    }

    @Test
    void misspelledKeyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> LocalEndpoints.parse("local/endpoints.yaml", "namespace: mesh-demo\nservice:\n  logic-app: {}\n"))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageContaining("local/endpoints.yaml: not an endpoints file")
                .hasMessageContaining("service");
    }
}
