package demo.mesh.console.health;

import demo.mesh.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A metrics source that cannot answer is the console's dependency being down: 503, naming the source. */
@Produces
@Singleton
class MetricsUnavailableHandler implements ExceptionHandler<MetricsUnavailableException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, MetricsUnavailableException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage(), null));
    }
}
