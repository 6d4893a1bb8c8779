package demo.mesh.logic;

import demo.mesh.error.ApiError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;

/**
 * {@code GET|PUT /fault}: the demo's fault switch, to break a release live and watch the console see it. Served
 * only when {@value FaultProperties#SWITCH_ENABLED} is true (local mode); otherwise the path does not exist (404).
 * No sign-in: it is a knob on a local port, never switched on in a cluster.
 */
@Controller("/fault")
@Requires(property = FaultProperties.SWITCH_ENABLED, value = "true")
class FaultController {

    private final FaultInjector faults;
    private final FaultBodyParser parser;

    FaultController(FaultInjector faults, FaultBodyParser parser) {
        this.faults = faults;
        this.parser = parser;
    }

    @Get
    FaultView current() {
        return FaultView.of(faults.current());
    }

    /** Replaces the whole fault; a bad body is a 400 that names the field and changes nothing. */
    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> replace(@Body String body) {
        Fault fault;
        try {
            fault = parser.parse(body);
        } catch (FaultBodyParser.BadFaultException e) {
            return HttpResponse.badRequest(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage(), null));
        }
        faults.switchTo(fault);
        return HttpResponse.ok(FaultView.of(fault));
    }
}
