package demo.mesh.access.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /api/ping}: answers without calling logic-app, the baseline a benchmark compares {@code /api/hello} to. */
@Controller("/api")
class PingController {

    private static final Pong PONG = new Pong("ok");

    @Get("/ping")
    Pong ping() {
        return PONG;
    }

    @Serdeable
    record Pong(String status) {
    }
}
