package demo.mesh.console.load;

import demo.mesh.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Refused load requests answer in the same shape ({@link ApiError}) as the rest of the API as the rest of the API. */
@Produces
@Singleton
public class LoadRequestExceptionHandler implements ExceptionHandler<LoadRequestException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, LoadRequestException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(ApiError.of(HttpStatus.BAD_REQUEST, exception.getMessage(), exception.field()));
    }
}
