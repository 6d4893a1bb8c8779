package demo.mesh.console.health;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;

/** Prometheus's instant-query endpoint; URL and timeouts are the client {@code prometheus} in application.yml. */
@Client(id = "prometheus")
interface PrometheusApi {

    /**
     * The raw JSON answer: its shape depends on the query, and errors come in the same envelope. {@code time} is the
     * evaluation instant in Unix seconds.
     */
    @Get("/api/v1/query")
    String query(@QueryValue String query, @QueryValue String time);
}
