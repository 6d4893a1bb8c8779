package demo.mesh.access.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Shapes every JSON error body, the framework's own (missing parameter, unknown path) as well as ours, as
 * {@link ErrorBody}, so clients parse one format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        String summary = response.reason();
        String detail = response.reason();
        if (context.hasErrors()) {
            Error first = context.getErrors().get(0);
            summary = first.getTitle().orElse(summary);
            detail = first.getMessage();
        }
        return new ErrorBody(summary, detail);
    }
}
