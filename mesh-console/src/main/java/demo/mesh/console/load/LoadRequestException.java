package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/** A load request the console refuses, with the status to answer and, for invalid bodies, the field at fault. */
public final class LoadRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    private LoadRequestException(HttpStatus status, @Nullable String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static LoadRequestException invalid(String field, String message) {
        return new LoadRequestException(HttpStatus.BAD_REQUEST, field, message);
    }

    public static LoadRequestException busy(String message) {
        return new LoadRequestException(HttpStatus.SERVICE_UNAVAILABLE, null, message);
    }

    public HttpStatus status() {
        return status;
    }

    @Nullable
    public String field() {
        return field;
    }
}
