package demo.mesh.manifests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/components/all-namespaces}: mesh-console watches every namespace ({@code MESH_CONSOLE_NAMESPACES=*})
 * with a ClusterRole granting exactly what its Role grants in mesh-demo, the Lease aside, and nothing else changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllNamespacesComponentTest {

    private static final String NAME = "mesh-console-all-namespaces";

    private Manifests plain;
    private Manifests everyNamespace;

    @BeforeAll
    void render(@TempDir Path overlay) {
        plain = ProjectFiles.rendered(ProjectFiles.k8s());
        everyNamespace = ProjectFiles.renderedWithComponent(overlay, "all-namespaces");
    }

    @Test
    void theConsoleWatchesEveryNamespaceAndOnlyThatSettingChanges() {
        Map<String, String> before = settings(plain);
        Map<String, String> after = settings(everyNamespace);

        assertThat(after.get("MESH_CONSOLE_NAMESPACES")).isEqualTo("*");
        after.remove("MESH_CONSOLE_NAMESPACES");
        before.remove("MESH_CONSOLE_NAMESPACES");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theClusterRoleGrantsTheRolesVerbsWithoutTheLeaseToTheConsoleAlone() {
        Manifest clusterRole = everyNamespace.find("ClusterRole", NAME).orElseThrow();
        Manifest binding = everyNamespace.find("ClusterRoleBinding", NAME).orElseThrow();
        Map<String, List<String>> roleVerbs = new TreeMap<>(
                Roles.verbsByResource(plain.find("Role", "mesh-console").orElseThrow()));
        roleVerbs.remove("coordination.k8s.io/leases");

        assertThat(Roles.verbsByResource(clusterRole)).isEqualTo(roleVerbs);
        assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
        assertThat(binding.at("/roleRef/name").asText()).isEqualTo(NAME);
        assertThat(binding.at("/subjects")).hasSize(1);
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("mesh-console");
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("mesh-demo");
        assertThat(everyNamespace.find("Role", "mesh-console")).as("the Role, for the Lease").isPresent();
    }

    /** The one rule the component breaks on purpose is the cluster-wide grant itself; every other check passes. */
    @Test
    void theOnlyFindingsAreTheClusterWideGrantItself() {
        List<Finding> findings = Checks.run(Checks.all(ProjectFiles.root()), everyNamespace);

        assertThat(findings).extracting(Finding::code).containsOnly(Code.RBAC_CLUSTER_WIDE);
        assertThat(findings).extracting(Finding::object)
                .containsExactlyInAnyOrder("ClusterRole " + NAME, "ClusterRoleBinding " + NAME);
    }

    private static Map<String, String> settings(Manifests manifests) {
        Map<String, String> data = new TreeMap<>();
        manifests.find("ConfigMap", "mesh-console-config").orElseThrow().at("/data")
                .fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }
}
