package demo.mesh.manifests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A set of Kubernetes objects to check together, as one kustomize rendering (or several) would apply them. */
public final class Manifests {

    private final List<Manifest> all;

    private Manifests(List<Manifest> all) {
        this.all = List.copyOf(all);
    }

    public static Manifests of(Collection<Manifest> manifests) {
        return new Manifests(new ArrayList<>(manifests));
    }

    public List<Manifest> all() {
        return all;
    }

    public List<Manifest> ofKind(String kind) {
        return all.stream().filter(m -> m.is(kind)).toList();
    }

    public Optional<Manifest> find(String kind, String name) {
        return all.stream().filter(m -> m.is(kind) && m.name().equals(name)).findFirst();
    }

    /** These objects and those, as applying both renderings would leave them. */
    public Manifests plus(Manifests other) {
        Manifests result = this;
        for (Manifest manifest : other.all) {
            result = result.replacing(manifest);
        }
        return result;
    }

    /** These objects with {@code manifest} in place of the one of the same kind and name (or added). */
    public Manifests replacing(Manifest manifest) {
        List<Manifest> result = new ArrayList<>(all);
        result.removeIf(m -> m.is(manifest.kind()) && m.name().equals(manifest.name()));
        result.add(manifest);
        return new Manifests(result);
    }

    /** Deployments whose pod template carries every label of {@code selector}. */
    public List<Manifest> deploymentsSelectedBy(Map<String, String> selector) {
        return ofKind("Deployment").stream()
                .filter(d -> Labels.selects(selector, Labels.of(d.at("/spec/template/metadata/labels"))))
                .toList();
    }

    /** Namespaces these objects live in or define: the ones whose contents are known here. */
    public Set<String> namespaces() {
        Set<String> namespaces = new TreeSet<>();
        for (Manifest manifest : all) {
            if (manifest.is("Namespace")) {
                namespaces.add(manifest.name());
            } else if (!manifest.namespace().isEmpty()) {
                namespaces.add(manifest.namespace());
            }
        }
        return namespaces;
    }
}
