package demo.mesh.xds;

/**
 * Routing that cannot be served: an undefined subset, weights that do not add up to 100, a destination without
 * endpoints, a file that does not parse. The message names the object and the field, so a person can fix the file
 * without reading this code. Whoever throws it has changed nothing.
 */
public final class InvalidRoutingException extends IllegalArgumentException {

    private final String object;
    private final String field;

    public InvalidRoutingException(String object, String field, String reason) {
        super(object + ": " + (field.isEmpty() ? "" : field + ": ") + reason);
        this.object = object;
        this.field = field;
    }

    /** What was wrong, e.g. {@code VirtualService mesh-demo/logic-app} or {@code local/endpoints.yaml}. */
    public String object() {
        return object;
    }

    /** Where in it, e.g. {@code spec.http[1].route[0].destination.subset}; empty when the whole object is wrong. */
    public String field() {
        return field;
    }
}
