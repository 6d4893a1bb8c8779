package demo.mesh.console.rollout;

import demo.mesh.console.routing.RouteRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/**
 * The rollout API of one VirtualService. Reads follow {@code mesh-console.auth.open-reads}; every action needs a
 * signed-in user and the CSRF token, like every other write.
 */
@Controller("/api/routes/{namespace}/{name}/rollout")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RolloutController {

    private final RolloutService rollouts;
    private final RolloutPlanParser parser;

    public RolloutController(RolloutService rollouts, RolloutPlanParser parser) {
        this.rollouts = rollouts;
        this.parser = parser;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Rollout> start(String namespace, String name, HttpRequest<?> request,
                                       @Body @Nullable String body, Authentication user) {
        RolloutPlan plan = parser.parse(request.getContentType().orElse(null), body);
        return HttpResponse.status(HttpStatus.CREATED).body(
                rollouts.start(RouteRef.requested(namespace, name), plan, user.getName()));
    }

    @Get
    public Rollout get(String namespace, String name) {
        return rollouts.get(RouteRef.requested(namespace, name));
    }

    @Post("/pause")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Rollout pause(String namespace, String name, Authentication user) {
        return rollouts.pause(RouteRef.requested(namespace, name), user.getName());
    }

    @Post("/resume")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Rollout resume(String namespace, String name, Authentication user) {
        return rollouts.resume(RouteRef.requested(namespace, name), user.getName());
    }

    @Post("/promote")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Rollout promote(String namespace, String name, Authentication user) {
        return rollouts.promote(RouteRef.requested(namespace, name), user.getName());
    }

    @Post("/abort")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Rollout abort(String namespace, String name, Authentication user) {
        return rollouts.abort(RouteRef.requested(namespace, name), user.getName());
    }
}
