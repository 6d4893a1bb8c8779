package demo.mesh.console.http;

import demo.mesh.console.http.StreamLimit.StreamLimitException;
import demo.mesh.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A stream over its limit is a 503 in the API's {@link ApiError} shape: try again once one closes. */
@Produces
@Singleton
public class StreamLimitExceptionHandler implements ExceptionHandler<StreamLimitException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, StreamLimitException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage(), null));
    }
}
