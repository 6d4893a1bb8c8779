package demo.mesh.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/**
 * Every error the HTTP apps answer, whatever its status: access-app at the edge, mesh-console's API and logic-app's
 * fault knob. Clients read {@code message} (and {@code field}, when one field of the request was at fault) and may
 * branch on {@code error}. Create one with {@link #of}.
 *
 * @param error   a stable code to branch on: the HTTP status in snake case ("bad_request", "not_found"), or
 *                something more specific where the app knows it (access-app: the gRPC status of logic-app's failure,
 *                "unavailable")
 * @param message what went wrong and, where it helps, what to do, for a person reading it
 * @param field   the request field at fault ({@code weights.v1}, {@code name}); null, and always sent, when no one
 *                field is
 * @param detail  the same sentence as {@code message}: access-app's name for it, kept for the clients that read it
 */
@Serdeable
public record ApiError(String error, String message,
                       @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String field, String detail) {

    /** An error named after its HTTP status. */
    public static ApiError of(HttpStatus status, String message, @Nullable String field) {
        return of(codeOf(status), message, field);
    }

    /** An error with a code of its own. */
    public static ApiError of(String error, String message, @Nullable String field) {
        return new ApiError(error, message, field, message);
    }

    /** {@code bad_request} for 400: the status's name in snake case. */
    public static String codeOf(HttpStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
