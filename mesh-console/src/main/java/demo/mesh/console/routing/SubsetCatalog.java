package demo.mesh.console.routing;

import java.util.Optional;
import java.util.Set;

/** Where a router looks up which subsets exist for a host (DestinationRules in Kubernetes mode). */
@FunctionalInterface
public interface SubsetCatalog {

    /** The subsets defined for {@code host}, or empty when nothing defines subsets for it. */
    Optional<DefinedSubsets> subsetsOf(String host);

    /** The subsets of one host and the object that defines them, named in messages. */
    record DefinedSubsets(String definedBy, Set<String> names) {
    }
}
