package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one edit sequence of every mode: read the VirtualService, select the route, check the split against it and
 * against the defined subsets, set the weights, add the change to the history kept with it, and write both at once
 * with the version the caller read. Every refusal is a
 * {@link RoutingException} raised before anything is written.
 */
@Singleton
class RouteEditor {

    /** A Kubernetes annotation key: an optional DNS-subdomain prefix and '/', then a name of up to 63 characters. */
    private static final Pattern ANNOTATION_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private final TrafficRouter router;
    private final RouteHistory history;

    RouteEditor(TrafficRouter router, RouteHistory history) {
        this.router = router;
        this.history = history;
    }

    /** A VirtualService the console can edit: one with a weighted route. */
    StoredVirtualService read(RouteRef ref) {
        StoredVirtualService stored = router.read(ref);
        if (!stored.weighted()) {
            throw RoutingException.notFound("VirtualService " + ref
                    + " has no weighted HTTP route (one with two or more destinations)");
        }
        return stored;
    }

    /** A VirtualService the console can edit and no controller manages: one that would undo the console's edit. */
    StoredVirtualService readEditable(RouteRef ref) {
        StoredVirtualService stored = read(ref);
        if (stored.managedBy() != null) {
            throw RoutingException.conflict("VirtualService " + ref.name() + " is managed by " + stored.managedBy()
                    + ", which would undo this change; change the split through that controller instead");
        }
        return stored;
    }

    /** The changes recorded with a VirtualService that has a weighted route, newest first. */
    List<ChangeRecord> history(RouteRef ref) {
        return history.read(read(ref).document());
    }

    /**
     * Sets the weights of one route, touching nothing else but the route's history, and only when the caller's
     * {@code resourceVersion} is still current; a split already in place is neither written nor recorded.
     */
    AppliedSplit setWeights(RouteRef ref, SplitRequest request, String user, @Nullable String reason) {
        StoredVirtualService stored = readEditable(ref);
        VirtualServiceRoutes current = stored.view();
        HttpRoute route = SplitCheck.selectRoute(current, request.route());
        SplitCheck.checkKeys(current, route, request.weights());
        Map<String, Integer> after = request.weights().weights();
        SubsetCheck.requireDefined(route, after, stored.subsets());
        if (!stored.document().setWeights(route.name(), after)) {
            return new AppliedSplit(current, route.name(), route.weights(), route.weights(), false);
        }
        requireReadAt(stored, request.resourceVersion());
        String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        history.add(stored.document(), new ChangeRecord(time, ref.namespace(), ref.name(), route.name(), route.weights(),
                after, user, ChangeRecord.describe(ref, route.name(), route.weights(), after, user, reason), reason,
                history.nextId(stored.document()), null));
        // The caller's version, not the one just read: the write is refused if anyone changed the object since the
        // caller read it, even between this read and this write (the check above covers the other way round).
        StoredVirtualService written = router.write(stored.document(), request.resourceVersion());
        return new AppliedSplit(written.view(), route.name(), route.weights(), after, true);
    }

    /**
     * Sets one annotation, or removes it when {@code value} is null, only when {@code resourceVersion} is still
     * current; the weights and every other annotation stay as they are. An unchanged value is not written, but a
     * stale version is refused all the same.
     */
    StoredVirtualService setAnnotation(RouteRef ref, String key, @Nullable String value, String resourceVersion) {
        if (key == null || !ANNOTATION_KEY.matcher(key).matches() || key.length() > 253 + 1 + 63) {
            throw RoutingException.invalid("annotation", "'" + key + "' is not a Kubernetes annotation key:"
                    + " an optional DNS-subdomain prefix and '/', then letters, digits, '-', '_' and '.'");
        }
        if (resourceVersion == null || resourceVersion.isBlank()) {
            throw RoutingException.invalid("resourceVersion",
                    "resourceVersion is required: send the resourceVersion you read, so a concurrent change is never overwritten");
        }
        StoredVirtualService stored = read(ref);
        // Even with nothing to write: the caller decided on what it read, and the version returned would otherwise
        // let its next write overwrite a change it never saw.
        requireReadAt(stored, resourceVersion);
        if (!stored.document().setAnnotation(key, value)) {
            return stored;
        }
        return router.write(stored.document(), resourceVersion);
    }

    /**
     * The document about to be written must be the one the caller read. A router that reads from a cache may be
     * behind the caller: writing the cache's older document with the caller's newer version would undo what came
     * in between, so that too is a conflict, and the caller's retry finds the cache caught up.
     */
    static void requireReadAt(StoredVirtualService stored, String resourceVersion) {
        if (!resourceVersion.equals(stored.view().resourceVersion())) {
            throw RoutingException.conflict("VirtualService " + stored.ref() + " was changed since you read it; reload and try again");
        }
    }
}
