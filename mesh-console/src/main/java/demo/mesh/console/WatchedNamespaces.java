package demo.mesh.console;

import java.util.List;

/**
 * The namespaces the console watches: a list of names, or {@code *} alone for every namespace of the cluster (the
 * console then needs the ClusterRole of {@code k8s/components/all-namespaces}).
 *
 * @param names the namespaces named, empty when every namespace is watched
 */
public record WatchedNamespaces(List<String> names) {

    public static final String ALL = "*";

    public WatchedNamespaces {
        names = List.copyOf(names);
    }

    /** Reads {@code mesh-console.namespaces}; {@code *} mixed with names is refused, as it would leave one unclear. */
    public static WatchedNamespaces parse(List<String> configured) {
        List<String> trimmed = configured == null ? List.of() : configured.stream().map(String::trim).filter(ns -> !ns.isEmpty()).toList();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(ConsoleConfiguration.PREFIX
                    + ".namespaces is empty: name the namespaces to watch, or * for every namespace");
        }
        if (trimmed.contains(ALL)) {
            if (trimmed.size() > 1) {
                throw new IllegalArgumentException(ConsoleConfiguration.PREFIX + ".namespaces mixes * with names ("
                        + String.join(",", trimmed) + "): use * alone for every namespace, or only names");
            }
            return new WatchedNamespaces(List.of());
        }
        return new WatchedNamespaces(trimmed);
    }

    public boolean all() {
        return names.isEmpty();
    }

    public boolean contains(String namespace) {
        return all() || names.contains(namespace);
    }

    @Override
    public String toString() {
        return all() ? ALL : String.join(",", names);
    }
}
