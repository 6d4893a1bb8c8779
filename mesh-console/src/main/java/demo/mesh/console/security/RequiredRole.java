package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Optional;

/**
 * The role an API request needs, read from the request alone so that every endpoint, today's and those added later,
 * is covered without an annotation of its own: a write under {@code /api/} needs {@code operator}, a read
 * {@code viewer} (only asked for when reads are not open); in the namespace of the route's {@code {namespace}}
 * variable, the one the controller receives, else in at least one namespace ({@code /api/load}).
 *
 * @param namespace the namespace, or null when the role is needed in at least one
 */
record RequiredRole(Role role, @Nullable String namespace, String method, String path) {

    static Optional<RequiredRole> of(HttpRequest<?> request, boolean openReads) {
        String path = request.getPath();
        // The session endpoint tells anyone who they are, roles included, so the page can offer what they may do.
        if (!path.startsWith("/api/") || path.equals(SessionController.PATH)) {
            return Optional.empty();
        }
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        if (read && openReads) {
            return Optional.empty();
        }
        String namespace = RouteAttributes.getRouteMatch(request)
                .map(RouteMatch::getVariableValues)
                .map(variables -> variables.get("namespace"))
                .map(Object::toString)
                .orElse(null);
        return Optional.of(new RequiredRole(read ? Role.VIEWER : Role.OPERATOR, namespace,
                request.getMethodName(), path));
    }

    boolean heldIn(Grants grants) {
        return namespace == null ? grants.allowsSomewhere(role) : grants.allows(namespace, role);
    }

    /** Why a signed-in person was refused, naming the role and namespace that were missing. */
    String refusal(String person, Grants grants) {
        String request = method + " " + path + " needs the " + role.label() + " role ";
        if (namespace == null) {
            return request + "in at least one namespace; " + person + " has it in none";
        }
        String held = grants.roleIn(namespace).map(r -> "is " + r.label() + " there").orElse("has no role there");
        return request + "in namespace " + namespace + "; " + person + " " + held;
    }
}
