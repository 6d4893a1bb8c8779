package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One Kubernetes object as parsed from YAML, and where it came from.
 *
 * @param body   the whole object
 * @param source the file (or rendering) it was read from, for messages
 */
public record Manifest(JsonNode body, String source) {

    public Manifest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(source, "source");
    }

    public String kind() {
        return body.path("kind").asText();
    }

    public String name() {
        return body.path("metadata").path("name").asText();
    }

    public String namespace() {
        return body.path("metadata").path("namespace").asText("");
    }

    /** How messages name the object, the way kubectl does: "VirtualService logic-app". */
    public String ref() {
        return kind() + " " + name();
    }

    public boolean is(String kind) {
        return kind().equals(kind);
    }

    /** The node at a JSON pointer such as {@code /spec/template/spec}; missing nodes are MissingNode. */
    public JsonNode at(String pointer) {
        return body.at(pointer);
    }
}
