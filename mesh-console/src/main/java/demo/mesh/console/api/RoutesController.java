package demo.mesh.console.api;

import demo.mesh.console.routing.ChangeRecord;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.security.ReadableNamespaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/**
 * The routes API. Reads are open or not per {@code mesh-console.auth.open-reads}; writes need a signed-in user.
 * Bodies arrive as text whatever their content type, so the parser can say exactly what is wrong with them.
 */
@Controller("/api/routes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RoutesController {

    private final TrafficService traffic;
    private final ReadableNamespaces readable;
    private final SplitRequestParser parser;
    private final HeaderCanaryRequestParser headerCanaryParser;

    public RoutesController(TrafficService traffic, SplitRequestParser parser, HeaderCanaryRequestParser headerCanaryParser,
                            ReadableNamespaces readable) {
        this.readable = readable;
        this.traffic = traffic;
        this.parser = parser;
        this.headerCanaryParser = headerCanaryParser;
    }

    /** Every route, or with reads closed those of the namespaces the person holds a role in. */
    @Get
    public List<VirtualServiceRoutes> list(@Nullable Authentication person) {
        return traffic.list().stream().filter(vs -> readable.readable(vs.namespace(), person)).toList();
    }

    @Get("/{namespace}/{name}")
    public VirtualServiceRoutes get(String namespace, String name) {
        return traffic.get(RouteRef.requested(namespace, name));
    }

    @Put("/{namespace}/{name}")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public VirtualServiceRoutes shift(String namespace, String name, HttpRequest<?> request,
                                      @Body @Nullable String body, Authentication user) {
        return traffic.shift(RouteRef.requested(namespace, name),
                parser.parseSplit(request.getContentType().orElse(null), body), user.getName());
    }

    @Put("/{namespace}/{name}/header-canary")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public VirtualServiceRoutes setHeaderCanary(String namespace, String name, HttpRequest<?> request,
                                                @Body @Nullable String body, Authentication user) {
        return traffic.setHeaderCanary(RouteRef.requested(namespace, name),
                headerCanaryParser.parseSet(request.getContentType().orElse(null), body), user.getName());
    }

    @Delete("/{namespace}/{name}/header-canary")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public VirtualServiceRoutes removeHeaderCanary(String namespace, String name, HttpRequest<?> request,
                                                   @Body @Nullable String body, Authentication user) {
        return traffic.removeHeaderCanary(RouteRef.requested(namespace, name),
                headerCanaryParser.parseRemove(request.getContentType().orElse(null), body), user.getName());
    }

    @Get("/{namespace}/{name}/history")
    public List<ChangeRecord> history(String namespace, String name) {
        return traffic.history(RouteRef.requested(namespace, name));
    }

    @Post("/{namespace}/{name}/revert")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public VirtualServiceRoutes revert(String namespace, String name, HttpRequest<?> request,
                                       @Body @Nullable String body, Authentication user) {
        SplitRequestParser.RevertRequest revert = parser.parseRevert(request.getContentType().orElse(null), body);
        return traffic.revert(RouteRef.requested(namespace, name), revert.resourceVersion(), revert.entry(), user.getName());
    }
}
