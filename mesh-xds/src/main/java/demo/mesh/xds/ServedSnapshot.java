package demo.mesh.xds;

import java.time.Instant;
import java.util.List;

/**
 * What an {@link XdsServer} serves now.
 *
 * @param version     1 for the first publish, one more for each after it
 * @param routing     the routing it was translated from
 * @param resources   the xDS resources clients receive
 * @param warnings    what of {@code routing} clients do not act on
 * @param publishedAt when it replaced the one before
 */
public record ServedSnapshot(long version, MeshRouting routing, XdsResources resources,
                             List<TranslationWarning> warnings, Instant publishedAt) {

    public ServedSnapshot {
        warnings = List.copyOf(warnings);
    }
}
