package demo.mesh.manifests;

/**
 * The table of every rule's code and message, in the shape of Kiali's validation codes.
 * Codes are stable: tests and readers refer to them. MT1xx routing, MT2xx services and ports,
 * MT3xx names, MT4xx pods, MT5xx access.
 */
public enum Code {

    SUBSET_NOT_DEFINED("MT101", "subset %s is not defined in a DestinationRule for host %s"),
    SUBSET_MATCHES_NO_PODS("MT102", "subset %s (labels %s) matches no Deployment's pods"),
    HOST_NOT_FOUND("MT103", "host %s is not a Service in these manifests"),
    PORT_NOT_ON_SERVICE("MT104", "port %s is not a port of Service %s"),
    WEIGHT_NOT_INTEGER("MT105", "weight %s is not an integer"),
    WEIGHTS_NOT_100("MT106", "weights add up to %d, not 100"),
    ROUTE_UNREACHABLE("MT107", "route %s can never match: route %s before it matches every request"),
    GATEWAY_NOT_FOUND("MT108", "Gateway %s is not defined"),

    SERVICE_SELECTS_NOTHING("MT201", "selector %s matches no Deployment's pods"),
    SERVICE_SELECTS_VERSION("MT202", "selector includes label version, so the Service cannot span the versions"
            + " Istio splits traffic between"),
    PORT_PROTOCOL_UNKNOWN("MT203", "port %s has neither a protocol name (grpc, http, ...) nor appProtocol,"
            + " so Istio treats it as opaque TCP"),
    PORT_PROTOCOL_CONFLICT("MT204", "port %s is named for %s but appProtocol says %s"),
    TARGET_PORT_NOT_FOUND("MT205", "targetPort %s is not a container port of Deployment %s"),
    CONTAINER_PORT_UNNAMED("MT206", "containerPort %s has no name"),

    APP_LABEL_MISSING("MT301", "pod template has no app label"),
    DEPLOYMENT_NAME("MT302", "should be %s, after the pod labels app and version"),
    IMAGE_NAME("MT303", "image %s should be named after the Deployment: %s"),
    MODULE_NOT_FOUND("MT304", "no module folder %s/ builds image %s"),
    SERVICE_ACCOUNT_NAME("MT305", "serviceAccountName %s should be the app label, %s"),
    SERVICE_ACCOUNT_NOT_FOUND("MT306", "ServiceAccount %s is not defined"),
    SERVICE_NOT_FOUND("MT307", "no Service %s for app %s"),

    SECURITY_CONTEXT("MT401", "must be %s (restricted pod security)"),
    TMP_NOT_WRITABLE("MT402", "root filesystem is read-only but no emptyDir is mounted at /tmp"),
    PROBE_MISSING("MT403", "container %s has no %s"),
    PROBE_PORT_NOT_FOUND("MT404", "port %s is not a port of container %s"),
    RESOURCE_MISSING("MT405", "container %s does not set it"),
    CONFIG_MAP_NOT_FOUND("MT406", "ConfigMap %s is not defined"),
    CONFIG_MAP_KEY_NOT_FOUND("MT407", "ConfigMap %s has no key %s"),

    ROLE_NOT_FOUND("MT501", "Role %s is not defined"),
    RBAC_WILDCARD("MT502", "grants '*'; name each one"),
    RBAC_CLUSTER_WIDE("MT503", "grants rights in every namespace; use a Role in the app's namespace"),
    POLICY_SELECTS_NOTHING("MT504", "selector %s matches no Deployment's pods"),
    PRINCIPAL_UNKNOWN("MT505", "principal %s names ServiceAccount %s, which is not defined in namespace %s");

    private final String id;
    private final String template;

    Code(String id, String template) {
        this.id = id;
        this.template = template;
    }

    public String id() {
        return id;
    }

    /** A finding of this code on {@code field} of {@code manifest}, the template filled with {@code args}. */
    public Finding on(Manifest manifest, String field, Object... args) {
        return new Finding(this, manifest.ref(), field, String.format(template, args));
    }
}
