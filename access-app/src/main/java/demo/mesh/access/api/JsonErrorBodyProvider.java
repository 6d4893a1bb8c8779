package demo.mesh.access.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Shapes every JSON error body, the framework's own (missing parameter, unknown path) as well as ours, as
 * {@link ErrorBody}, so clients parse one format. Without a title of its own, an error is named after its HTTP
 * status ("bad_request", "not_found"). A request refused before it was parsed carries only a status; where that
 * status alone would not tell the caller what to change, the detail names the limit.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    private final String tooLarge;

    JsonErrorBodyProvider(NettyHttpServerConfiguration server) {
        // Netty refuses an over-long request line or header block with 413 before any handler sees the request.
        this.tooLarge = "the request is too large: this server takes a request line (method and URL) of up to "
                + server.getMaxInitialLineLength() + " bytes and headers of up to " + server.getMaxHeaderSize() + " bytes";
    }

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        String statusName = response.status().name().toLowerCase(Locale.ROOT);
        if (response.status() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return new ErrorBody(statusName, tooLarge);
        }
        if (!context.hasErrors()) {
            return new ErrorBody(statusName, response.reason());
        }
        Error first = context.getErrors().get(0);
        return new ErrorBody(first.getTitle().orElse(statusName), first.getMessage());
    }
}
