package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/** What a Role grants, in a shape a test can compare whole. */
final class Roles {

    private Roles() {
    }

    /** The verbs per "apiGroup/resource" of {@code role}, e.g. "/pods" to [list] ("" is the core group). */
    static Map<String, List<String>> verbsByResource(Manifest role) {
        Map<String, List<String>> verbs = new TreeMap<>();
        for (JsonNode rule : role.at("/rules")) {
            String group = rule.path("apiGroups").get(0).asText();
            rule.path("resources").forEach(r -> verbs.put(group + "/" + r.asText(), texts(rule.path("verbs"))));
        }
        return verbs;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
