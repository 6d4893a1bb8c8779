package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pod template of a Deployment: its labels, containers and their ports, with field paths. */
public final class PodTemplates {

    public static final String POD_SPEC = "spec.template.spec";

    private PodTemplates() {
    }

    /** One container of the pod template. */
    public record Container(String path, JsonNode node) {

        public String name() {
            return node.path("name").asText();
        }

        /** True when {@code port} (a number, or a name as text) is one of this container's ports. */
        public boolean hasPort(JsonNode port) {
            for (JsonNode declared : node.path("ports")) {
                boolean byNumber = port.isNumber() && declared.path("containerPort").asInt() == port.asInt();
                boolean byName = port.isTextual() && declared.path("name").asText().equals(port.asText());
                if (byNumber || byName) {
                    return true;
                }
            }
            return false;
        }
    }

    public static Map<String, String> labels(Manifest deployment) {
        return Labels.of(deployment.at("/spec/template/metadata/labels"));
    }

    public static JsonNode podSpec(Manifest deployment) {
        return deployment.at("/spec/template/spec");
    }

    public static List<Container> containers(Manifest deployment) {
        List<Container> containers = new ArrayList<>();
        JsonNode list = podSpec(deployment).path("containers");
        for (int i = 0; i < list.size(); i++) {
            containers.add(new Container(POD_SPEC + ".containers[" + i + "]", list.get(i)));
        }
        return containers;
    }

    /** True when any container of the Deployment declares {@code port}. */
    public static boolean declaresPort(Manifest deployment, JsonNode port) {
        return containers(deployment).stream().anyMatch(c -> c.hasPort(port));
    }
}
