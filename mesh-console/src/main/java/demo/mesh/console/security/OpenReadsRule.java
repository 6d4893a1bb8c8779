package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Lets anyone read {@code /api/**} when {@code mesh-console.auth.open-reads} is true, and signed-in users always.
 * Writes are left to {@code @Secured} on the controller methods.
 */
@Singleton
public class OpenReadsRule implements SecurityRule<HttpRequest<?>> {

    private final boolean openReads;

    public OpenReadsRule(AuthConfiguration configuration) {
        this.openReads = configuration.openReads();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        if (!read || !request.getPath().startsWith("/api/")) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        return Mono.just(openReads || authentication != null ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
