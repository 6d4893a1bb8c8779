package demo.mesh.console.api;

import demo.mesh.console.routing.RoutingException;
import demo.mesh.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The one table from failure reason to HTTP status. */
@Produces
@Singleton
public class RoutingExceptionHandler implements ExceptionHandler<RoutingException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RoutingException exception) {
        HttpStatus status = switch (exception.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return HttpResponse.<ApiError>status(status).body(ApiError.of(status, exception.getMessage(), exception.field()));
    }
}
