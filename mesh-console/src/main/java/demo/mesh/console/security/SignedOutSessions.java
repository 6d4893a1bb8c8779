package demo.mesh.console.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.LogoutEvent;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes signing out end the session, not only the browser's copy of it. A session is a signed token in a cookie;
 * signing out tells the browser to forget the cookie, but a copy of it (another tab's export, a proxy log, a stolen
 * cookie) would still be accepted until the token expires. So each token gets an id ({@code jti}), signing out
 * records it until the token would have expired, and a token whose id is recorded is refused (401).
 *
 * <p>The record is in memory: with several replicas a signed-out token is refused by the one it was signed out
 * through, and a restart forgets it (as it forgets every token, unless {@code MESH_CONSOLE_AUTH_TOKEN_SECRET} is set).
 */
@Singleton
class SignedOutSessions implements JtiGenerator, GenericJwtClaimsValidator<HttpRequest<?>>,
        ApplicationEventListener<LogoutEvent> {

    private static final String TOKEN_ID = "jti";
    private static final String EXPIRY = "exp";

    /** Token id to the moment the token expires anyway, after which it need not be remembered. */
    private final Map<String, Instant> signedOut = new ConcurrentHashMap<>();

    @Override
    public String generateJtiClaim() {
        return UUID.randomUUID().toString();
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object id = claims.get(TOKEN_ID);
        return id == null || !signedOut.containsKey(id.toString());
    }

    @Override
    public void onApplicationEvent(LogoutEvent event) {
        if (!(event.getSource() instanceof Authentication person)) {
            return;
        }
        Object id = person.getAttributes().get(TOKEN_ID);
        if (id == null) {
            return;
        }
        Instant now = Instant.now();
        signedOut.values().removeIf(expiry -> expiry.isBefore(now));
        signedOut.put(id.toString(), expiry(person.getAttributes().get(EXPIRY), now));
    }

    /** The token's own expiry; a token that does not say is remembered for a day, longer than any session here. */
    private static Instant expiry(Object claim, Instant now) {
        if (claim instanceof Date date) {
            return date.toInstant();
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return now.plusSeconds(24 * 3600);
    }
}
