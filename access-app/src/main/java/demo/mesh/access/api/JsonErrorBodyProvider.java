package demo.mesh.access.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Shapes every JSON error body, the framework's own (missing parameter, unknown path) as well as ours, as
 * {@link ErrorBody}, so clients parse one format. Without a title of its own, an error is named after its HTTP
 * status ("bad_request", "not_found").
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        String statusName = response.status().name().toLowerCase(Locale.ROOT);
        if (!context.hasErrors()) {
            return new ErrorBody(statusName, response.reason());
        }
        Error first = context.getErrors().get(0);
        return new ErrorBody(first.getTitle().orElse(statusName), first.getMessage());
    }
}
