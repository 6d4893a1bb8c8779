package demo.mesh.console.load;

import demo.mesh.console.http.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Refused load requests answer in the same {@code {"message", "field"}} shape as the rest of the API. */
@Produces
@Singleton
public class LoadRequestExceptionHandler implements ExceptionHandler<LoadRequestException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, LoadRequestException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(new ApiError(exception.getMessage(), exception.field()));
    }
}
