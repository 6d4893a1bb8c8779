package demo.mesh.console.security;

import demo.mesh.error.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.HttpClientAddressResolver;

import java.time.Duration;

/**
 * Rate-limits password sign-in per client: after {@code max-failures} wrong passwords within the window,
 * {@code POST /login} answers 429 with {@code Retry-After} and a message saying when to retry, without checking
 * the password, so guessing costs time. The client is the remote address; behind a proxy that names the client in a
 * header, set {@code micronaut.server.client-address-header} and the header is used instead (a header nobody
 * configured is not trusted: anyone could send a new one with each guess).
 */
@ServerFilter("/login")
public class SignInLimitFilter {

    private final FailedSignIns failures;
    private final HttpClientAddressResolver addressResolver;
    private final boolean trustAddressHeader;

    public SignInLimitFilter(FailedSignIns failures, HttpClientAddressResolver addressResolver,
                             HttpServerConfiguration server) {
        this.failures = failures;
        this.addressResolver = addressResolver;
        this.trustAddressHeader = server.getClientAddressHeader() != null;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> refuseWhileLimited(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String client = client(request);
        return failures.retryAfter(client).map(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(seconds))
                    .body(ApiError.of(HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins from " + client + " (" + failures.maxFailures()
                            + " within " + describe(failures.window()) + "); retry in " + seconds + " s", null));
        }).orElse(null);
    }

    @ResponseFilter
    public void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.POST || response.code() == HttpStatus.TOO_MANY_REQUESTS.getCode()) {
            return;
        }
        if (response.code() == HttpStatus.UNAUTHORIZED.getCode()) {
            failures.failed(client(request));
        } else if (response.code() < 300) {
            failures.succeeded(client(request));
        }
    }

    private String client(HttpRequest<?> request) {
        String resolved = trustAddressHeader ? addressResolver.resolve(request) : null;
        return resolved != null ? resolved : request.getRemoteAddress().getAddress().getHostAddress();
    }

    private static String describe(Duration window) {
        return window.toSeconds() % 60 == 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }
}
