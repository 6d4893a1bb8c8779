package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

/**
 * Why a routing request cannot be served. The message is written for the person who made the request: it names
 * the object and field that were wrong and, where it helps, what to do instead.
 */
public final class RoutingException extends RuntimeException {

    /** The kinds of failure the REST layer maps to status codes. */
    public enum Reason {
        /** The request itself is wrong (400). */
        INVALID,
        /** No such VirtualService or route (404). */
        NOT_FOUND,
        /** Stale resourceVersion, or the object is owned by a controller that would undo the edit (409). */
        CONFLICT,
        /** The backing API cannot be reached (503). */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String field;

    private RoutingException(Reason reason, @Nullable String field, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.field = field;
    }

    public static RoutingException invalid(String field, String message) {
        return new RoutingException(Reason.INVALID, field, message, null);
    }

    public static RoutingException notFound(String message) {
        return new RoutingException(Reason.NOT_FOUND, null, message, null);
    }

    public static RoutingException conflict(String message) {
        return new RoutingException(Reason.CONFLICT, null, message, null);
    }

    public static RoutingException unavailable(String message, Throwable cause) {
        return new RoutingException(Reason.UNAVAILABLE, null, message, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field that was wrong ({@code weights.v1}, {@code route}), when there is one. */
    @Nullable
    public String field() {
        return field;
    }
}
