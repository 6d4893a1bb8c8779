package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VirtualService {@code mesh-demo/logic-app} as kubectl sees it, without the console: the split it stores, its
 * rollout annotation, and the Events about it.
 */
final class LogicAppVirtualService {
    static final String NAMESPACE = "mesh-demo";
    static final String NAME = "logic-app";
    static final String SPLIT_ROUTE = "logic-app-split";
    /** Where the console keeps a guarded rollout's plan and progress. */
    static final String ROLLOUT_ANNOTATION = "mesh-demo.io/rollout";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient admin;

    LogicAppVirtualService(KubernetesClient admin) {
        this.admin = admin;
    }

    /** The weights of route {@value #SPLIT_ROUTE} as stored, by subset. */
    Map<String, Integer> split() {
        return SplitWeights.inVirtualService(resource().get(), SPLIT_ROUTE);
    }

    /** {@code kubectl annotate virtualservice logic-app mesh-demo.io/rollout=<rollout>}: a merge patch of that key. */
    void annotateRollout(String rollout) {
        mergeAnnotation(JSON.getNodeFactory().textNode(rollout));
    }

    /** {@code kubectl annotate virtualservice logic-app mesh-demo.io/rollout-}: no rollout on the route any more. */
    void removeRolloutAnnotation() {
        mergeAnnotation(JSON.getNodeFactory().nullNode());
    }

    /** The uids of the Events about this VirtualService now, to tell later ones apart without comparing clocks. */
    Set<String> eventUids() {
        return events().stream().map(e -> e.getMetadata().getUid()).collect(Collectors.toSet());
    }

    /** The Events about this VirtualService that are not among {@code before}. */
    List<Event> eventsAfter(Set<String> before) {
        return events().stream().filter(e -> !before.contains(e.getMetadata().getUid())).toList();
    }

    private List<Event> events() {
        return admin.v1().events().inNamespace(NAMESPACE).withField("involvedObject.name", NAME).list().getItems();
    }

    private void mergeAnnotation(JsonNode value) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("metadata").putObject("annotations").set(ROLLOUT_ANNOTATION, value);
        resource().patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    private Resource<VirtualService> resource() {
        return admin.adapt(IstioClient.class).v1().virtualServices().inNamespace(NAMESPACE).withName(NAME);
    }
}
