package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;

import java.util.ArrayList;
import java.util.List;

/**
 * Least privilege: rights are granted by a Role in the app's namespace, never cluster-wide, never
 * with '*', and every RoleBinding binds a defined Role to defined ServiceAccounts.
 */
public final class RbacCheck implements Check {

    private static final List<String> RULE_FIELDS = List.of("apiGroups", "resources", "verbs");

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (String kind : List.of("ClusterRole", "ClusterRoleBinding")) {
            manifests.ofKind(kind).forEach(m -> findings.add(Code.RBAC_CLUSTER_WIDE.on(m, "kind")));
        }
        // A ClusterRole is refused above, but where one is accepted on purpose (k8s/components/all-namespaces)
        // its rules must still be exact.
        for (String kind : List.of("Role", "ClusterRole")) {
            manifests.ofKind(kind).forEach(role -> findings.addAll(checkRules(role)));
        }
        for (Manifest binding : manifests.ofKind("RoleBinding")) {
            findings.addAll(checkBinding(manifests, binding));
        }
        return findings;
    }

    private static List<Finding> checkRules(Manifest role) {
        List<Finding> findings = new ArrayList<>();
        JsonNode rules = role.at("/rules");
        for (int i = 0; i < rules.size(); i++) {
            for (String field : RULE_FIELDS) {
                for (JsonNode value : rules.get(i).path(field)) {
                    if (value.asText().equals("*")) {
                        findings.add(Code.RBAC_WILDCARD.on(role, "rules[" + i + "]." + field));
                    }
                }
            }
        }
        return findings;
    }

    private static List<Finding> checkBinding(Manifests manifests, Manifest binding) {
        List<Finding> findings = new ArrayList<>();
        String role = binding.at("/roleRef/name").asText();
        if (binding.at("/roleRef/kind").asText().equals("Role") && manifests.find("Role", role).isEmpty()) {
            findings.add(Code.ROLE_NOT_FOUND.on(binding, "roleRef.name", role));
        }
        JsonNode subjects = binding.at("/subjects");
        for (int i = 0; i < subjects.size(); i++) {
            String account = subjects.get(i).path("name").asText();
            if (subjects.get(i).path("kind").asText().equals("ServiceAccount")
                    && manifests.find("ServiceAccount", account).isEmpty()) {
                findings.add(Code.SERVICE_ACCOUNT_NOT_FOUND.on(binding, "subjects[" + i + "].name", account));
            }
        }
        return findings;
    }
}
