package demo.mesh.manifests;

/**
 * One thing a check found wrong.
 *
 * @param code   which rule, from the table in {@link Code}
 * @param object the object, as "Kind name"
 * @param field  the field path inside the object, e.g. {@code spec.http[1].route[0].weight}
 * @param detail what is wrong with it
 */
public record Finding(Code code, String object, String field, String detail) {

    /** "VirtualService logic-app: spec.http[1].route[0].destination.subset: subset v3 is not ..." */
    public String message() {
        return object + ": " + field + ": " + detail;
    }

    @Override
    public String toString() {
        return "[" + code.id() + "] " + message();
    }
}
