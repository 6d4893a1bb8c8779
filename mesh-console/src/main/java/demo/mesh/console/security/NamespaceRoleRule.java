package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Refuses a signed-in person an API request their grants do not cover ({@link RequiredRole}), before
 * {@code @Secured(IS_AUTHENTICATED)} on the endpoint would let any signed-in person through. It only ever refuses:
 * whether a request needs a sign-in at all stays with the other rules, and an anonymous request is theirs to answer
 * (401, or an open read). The reason is left on the request for {@link RoleRefusalHandler}'s 403.
 */
@Singleton
public class NamespaceRoleRule implements SecurityRule<HttpRequest<?>> {

    static final String REFUSAL = NamespaceRoleRule.class.getName() + ".refusal";

    private final boolean openReads;

    public NamespaceRoleRule(AuthConfiguration configuration) {
        this.openReads = configuration.openReads();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        Grants grants = Grants.of(authentication);
        return Mono.just(RequiredRole.of(request, openReads)
                .filter(needed -> !needed.heldIn(grants))
                .map(missing -> {
                    request.setAttribute(REFUSAL, missing.refusal(authentication.getName(), grants));
                    return SecurityRuleResult.REJECTED;
                })
                .orElse(SecurityRuleResult.UNKNOWN));
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
