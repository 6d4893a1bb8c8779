package demo.mesh.console.http;

import demo.mesh.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

/**
 * The body of the errors Micronaut answers itself, before any handler of ours runs: no such path, method not allowed,
 * body too large, not signed in, CSRF token refused. They take the API's own {@link ApiError} shape, and
 * where Micronaut only names the status ("Unauthorized", "Page Not Found"), a message that says what to do.
 */
@Singleton
public class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    private final CsrfConfiguration csrf;

    public ApiErrorBodyProvider(CsrfConfiguration csrf) {
        this.csrf = csrf;
    }

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        String said = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
        String message = switch (response.code()) {
            case 401 -> "Unauthorized".equals(said)
                    ? request.getMethodName() + " " + request.getPath() + " needs a signed-in user; sign in first (POST /login)"
                    : said;
            case 403 -> "Forbidden".equals(said) ? forbidden(request) : said;
            case 404 -> "Page Not Found".equals(said) ? nothingAt(request) : said;
            default -> said;
        };
        return ApiError.of(response.status(), message, null);
    }

    /**
     * Signed in, refused: either no route takes the request (Micronaut Security refuses those with 403 rather than
     * 404), or, since every route needs no more than a signed-in user, the write failed the CSRF check.
     */
    private String forbidden(HttpRequest<?> request) {
        if (RouteAttributes.getRouteMatch(request).isEmpty()) {
            return nothingAt(request);
        }
        String refused = request.getMethodName() + " " + request.getPath() + " was refused: ";
        if (!request.getHeaders().contains(csrf.getHeaderName())) {
            return refused + "writes must send the " + csrf.getHeaderName() + " header with the value of the "
                    + csrf.getCookieName() + " cookie set at sign-in";
        }
        return refused + "the " + csrf.getHeaderName() + " header is not the token of the " + csrf.getCookieName()
                + " cookie set at sign-in; reload the page, or sign in again, and retry";
    }

    private static String nothingAt(HttpRequest<?> request) {
        return "nothing is served at " + request.getMethodName() + " " + request.getPath();
    }
}
