package demo.mesh.manifests;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Hosts are resolved the way Istio resolves them, so hosts outside these manifests are never flagged. */
class ServiceHostsTest {

    private static final Set<String> KNOWN = Set.of("mesh-demo");

    @Test
    void shortAndQualifiedNamesInAKnownNamespaceNameItsService() {
        assertThat(ServiceHosts.serviceName("logic-app", KNOWN)).contains("logic-app");
        assertThat(ServiceHosts.serviceName("logic-app.mesh-demo", KNOWN)).contains("logic-app");
        assertThat(ServiceHosts.serviceName("logic-app.mesh-demo.svc", KNOWN)).contains("logic-app");
        assertThat(ServiceHosts.serviceName("logic-app.mesh-demo.svc.cluster.local", KNOWN)).contains("logic-app");
    }

    @Test
    void wildcardsOtherNamespacesAndExternalHostsAreNotOurs() {
        assertThat(ServiceHosts.serviceName("*", KNOWN)).isEmpty();
        assertThat(ServiceHosts.serviceName("grafana.monitoring.svc.cluster.local", KNOWN)).isEmpty();
        assertThat(ServiceHosts.serviceName("api.example.com", KNOWN)).isEmpty();
    }
}
