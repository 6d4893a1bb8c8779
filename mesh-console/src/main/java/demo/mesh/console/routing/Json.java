package demo.mesh.console.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and copying the plain JSON maps and lists a {@link VirtualServiceDocument} is made of. */
final class Json {

    private Json() {
    }

    /** {@code value} as a map, or an empty one when it is anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The maps in {@code value}, in order, skipping anything else; empty when it is no list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOfMaps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /**
     * A copy no later edit of the document reaches and nobody can change, keys in their order: views hand parts of a
     * document to callers while the document goes on being edited.
     */
    static Object frozenCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), frozenCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(frozenCopy(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
