package demo.mesh.manifests.checks;

import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Labels;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Service selects some Deployment's pods, and never by {@code version}: the Service spans all
 * versions and Istio's subsets split it (the convention of Istio's bookinfo and helloworld samples).
 */
public final class ServiceSelectorCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest service : manifests.ofKind("Service")) {
            Map<String, String> selector = Labels.of(service.at("/spec/selector"));
            if (selector.isEmpty()) {
                continue; // a Service without selector has hand-made endpoints
            }
            if (selector.containsKey("version")) {
                findings.add(Code.SERVICE_SELECTS_VERSION.on(service, "spec.selector.version"));
            }
            if (manifests.deploymentsSelectedBy(selector).isEmpty()) {
                findings.add(Code.SERVICE_SELECTS_NOTHING.on(service, "spec.selector", Labels.format(selector)));
            }
        }
        return findings;
    }
}
