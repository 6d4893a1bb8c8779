package demo.mesh.console.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Puts the same browser-hardening headers on every response: the page, its assets, the API, errors and event
 * streams. One filter rather than per-controller code, so an endpoint added later cannot forget them.
 *
 * <p>The policy allows exactly what {@code public/} uses: its own scripts (ES modules), its stylesheet, same-origin
 * fetch and EventSource, and the empty {@code data:} favicon. No inline script or style, no other origin, no plugins,
 * no {@code <base>} rewriting, no framing (clickjacking on the Apply button).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        response.getHeaders()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                // For browsers that predate frame-ancestors.
                .set("X-Frame-Options", "DENY")
                // Route and namespace names in the console's URLs are nobody else's business.
                .set("Referrer-Policy", "no-referrer");
    }

    /** Outside every other filter, security included, so its 401 and 403 answers get the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
