package demo.mesh.console.rollout;

import demo.mesh.console.routing.RouteAnnotations;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.TrafficService;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps each rollout in annotation {@value Rollout#ANNOTATION} of its VirtualService, through {@link TrafficService},
 * so it lives wherever the route lives (the API server, or the local state file) and is read and written with the
 * route's resourceVersion like any other edit.
 */
@Singleton
public class RolloutStore {

    private final TrafficService traffic;
    private final JsonMapper json;

    public RolloutStore(TrafficService traffic, JsonMapper json) {
        this.traffic = traffic;
        this.json = json;
    }

    /**
     * The rollout kept on the VirtualService, if it has one.
     *
     * @throws RoutingException NOT_FOUND for an unknown VirtualService; CONFLICT when the annotation is not a rollout
     */
    public Optional<KeptRollout> read(RouteRef ref) {
        RouteAnnotations annotations = traffic.annotations(ref);
        Optional<String> value = annotations.get(Rollout.ANNOTATION);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeptRollout(parse(ref, value.get()), annotations.resourceVersion()));
    }

    /**
     * What a start decides on: the rollout kept on the VirtualService (empty when there is none, or when the
     * annotation is not a rollout and may be replaced) and the version of that same read, to write the new one with.
     * Two reads would let a rollout started in between slip past the check and be overwritten.
     */
    public Found find(RouteRef ref) {
        RouteAnnotations annotations = traffic.annotations(ref);
        Optional<Rollout> rollout;
        try {
            rollout = annotations.get(Rollout.ANNOTATION).map(value -> parse(ref, value));
        } catch (RoutingException e) {
            if (e.reason() != RoutingException.Reason.CONFLICT) {
                throw e;
            }
            rollout = Optional.empty();
        }
        return new Found(rollout, annotations.resourceVersion());
    }

    /** A rollout, if one is kept, and the VirtualService's version when it was read. */
    public record Found(Optional<Rollout> rollout, String resourceVersion) {
    }

    /** Writes {@code rollout} if the VirtualService is still at {@code resourceVersion}; returns the new version. */
    public String write(RouteRef ref, Rollout rollout, String resourceVersion) {
        String value;
        try {
            value = json.writeValueAsString(rollout);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write rollout of " + ref + " as JSON", e);
        }
        return traffic.annotate(ref, Rollout.ANNOTATION, value, resourceVersion).resourceVersion();
    }

    private Rollout parse(RouteRef ref, String value) {
        try {
            Rollout rollout = json.readValue(value, Rollout.class);
            if (rollout == null || rollout.plan() == null) {
                throw new IOException("empty");
            }
            return rollout;
        } catch (IOException | RuntimeException e) {
            throw RoutingException.conflict("annotation " + Rollout.ANNOTATION + " of VirtualService " + ref
                    + " is not a rollout (" + problem(e) + "); annotate it again with a plan such as {\"to\":\"v2\"}");
        }
    }

    /** The plan's own refusal ("steps[2] must be …") when that is what went wrong, else the parser's. */
    private static String problem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RoutingException refusal) {
                return refusal.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
