package demo.mesh.access.api;

import demo.mesh.error.ApiError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Shapes every JSON error body, the framework's own (missing parameter, unknown path) as well as ours, as
 * {@link ApiError}, the shape mesh-console answers too, so clients parse one format. Without a title of its own, an
 * error is named after its HTTP status ("bad_request", "not_found"); one about a request argument (a missing
 * {@code name}) names it as the field. A request refused before it was parsed carries only a status; where that
 * status alone would not tell the caller what to change, the message names the limit.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    private final String tooLarge;

    JsonErrorBodyProvider(NettyHttpServerConfiguration server) {
        // Netty refuses an over-long request line or header block with 413 before any handler sees the request.
        this.tooLarge = "the request is too large: this server takes a request line (method and URL) of up to "
                + server.getMaxInitialLineLength() + " bytes and headers of up to " + server.getMaxHeaderSize() + " bytes";
    }

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        if (response.status() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return ApiError.of(response.status(), tooLarge, null);
        }
        if (!context.hasErrors()) {
            return ApiError.of(response.status(), response.reason(), null);
        }
        Error first = context.getErrors().get(0);
        // Micronaut gives the argument it could not bind as a path, "/name".
        String field = first.getPath().map(path -> path.replaceFirst("^/", "")).orElse(null);
        return ApiError.of(first.getTitle().orElse(ApiError.codeOf(response.status())), first.getMessage(), field);
    }
}
