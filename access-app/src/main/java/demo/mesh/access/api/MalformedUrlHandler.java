package demo.mesh.access.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.ErrorExceptionHandler;
import io.micronaut.http.server.exceptions.URISyntaxHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.net.URISyntaxException;
import java.util.Optional;

/** A URL that does not parse (a stray '%', say) is the caller's mistake: 400 saying where, not just "Malformed URI". */
@Singleton
@Replaces(URISyntaxHandler.class)
class MalformedUrlHandler extends ErrorExceptionHandler<URISyntaxException> {

    MalformedUrlHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor);
    }

    @Override
    protected Error error(URISyntaxException exception) {
        String where = exception.getIndex() < 0 ? "" : " at character " + (exception.getIndex() + 1);
        return new Error() {
            @Override
            public String getMessage() {
                return "the URL is not valid: " + exception.getReason() + where
                        + "; percent-encode special characters (%25 for '%')";
            }

            @Override
            public Optional<String> getTitle() {
                return Optional.of("bad_request");
            }
        };
    }
}
