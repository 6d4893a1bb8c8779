package demo.mesh.access.api;

import demo.mesh.access.logic.HeaderPropagation;
import demo.mesh.access.logic.LogicClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/hello?name=...}: a greeting from whichever logic-app release the mesh routes to.
 * The name is validated by logic-app alone, so the rules live in one place; failures map in {@link LogicErrorHandler}.
 */
@Controller("/api")
class HelloController {

    private final LogicClient logic;
    private final HeaderPropagation propagation;

    HelloController(LogicClient logic, HeaderPropagation propagation) {
        this.logic = logic;
        this.propagation = propagation;
    }

    @Get("/hello")
    CompletableFuture<HelloResponse> hello(@QueryValue String name, HttpRequest<?> request) {
        return logic.hello(name, propagation.select(request.getHeaders())).thenApply(HelloResponse::from);
    }
}
