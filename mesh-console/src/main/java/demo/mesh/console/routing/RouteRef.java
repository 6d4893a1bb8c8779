package demo.mesh.console.routing;

import io.micronaut.serde.annotation.Serdeable;

import java.util.regex.Pattern;

/** Names one VirtualService. */
@Serdeable
public record RouteRef(String namespace, String name) {

    /** A DNS-1123 label, what Kubernetes accepts as a namespace. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A DNS-1123 subdomain, what Kubernetes accepts as the name of a VirtualService. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_NAME = 253;

    /**
     * The VirtualService a request's path names, refused unless both parts are names Kubernetes could hold. They go
     * into the API server's URL: a decoded {@code %2F} or a {@code ..} would address another path there, e.g. the
     * whole list instead of one object.
     */
    public static RouteRef requested(String namespace, String name) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw RoutingException.invalid("namespace", "namespace '" + namespace + "' is not a Kubernetes namespace name:"
                    + " lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
        }
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw RoutingException.invalid("name", "name '" + name + "' is not a Kubernetes object name: lowercase"
                    + " letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
        }
        return new RouteRef(namespace, name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
