package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Labels;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every AuthorizationPolicy protects a workload that exists, and every principal it allows names a
 * ServiceAccount that exists, where these manifests define that namespace (a typo in either
 * silently allows nobody). Principals in other namespaces (the ingress gateway's) cannot be checked here.
 */
public final class AuthorizationPolicyCheck implements Check {

    /** SPIFFE-style principal: trust-domain/ns/namespace/sa/service-account. */
    private static final Pattern PRINCIPAL = Pattern.compile("[^/]+/ns/([^/]+)/sa/([^/]+)");

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest policy : manifests.ofKind("AuthorizationPolicy")) {
            Map<String, String> selector = Labels.of(policy.at("/spec/selector/matchLabels"));
            if (!selector.isEmpty() && manifests.deploymentsSelectedBy(selector).isEmpty()) {
                findings.add(Code.POLICY_SELECTS_NOTHING.on(policy, "spec.selector.matchLabels", Labels.format(selector)));
            }
            findings.addAll(checkPrincipals(manifests, policy));
        }
        return findings;
    }

    private static List<Finding> checkPrincipals(Manifests manifests, Manifest policy) {
        List<Finding> findings = new ArrayList<>();
        JsonNode rules = policy.at("/spec/rules");
        for (int r = 0; r < rules.size(); r++) {
            JsonNode from = rules.get(r).path("from");
            for (int f = 0; f < from.size(); f++) {
                JsonNode principals = from.get(f).path("source").path("principals");
                for (int p = 0; p < principals.size(); p++) {
                    Matcher principal = PRINCIPAL.matcher(principals.get(p).asText());
                    if (principal.matches() && manifests.namespaces().contains(principal.group(1))
                            && manifests.find("ServiceAccount", principal.group(2)).isEmpty()) {
                        findings.add(Code.PRINCIPAL_UNKNOWN.on(policy,
                                "spec.rules[" + r + "].from[" + f + "].source.principals[" + p + "]",
                                principal.group(0), principal.group(2), principal.group(1)));
                    }
                }
            }
        }
        return findings;
    }
}
