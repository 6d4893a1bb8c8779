package demo.mesh.access.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error access-app answers, whatever its status.
 *
 * @param error  a stable code to branch on: the gRPC status when logic-app failed ("unavailable"), else the HTTP
 *               status ("bad_request")
 * @param detail what exactly went wrong, for a person reading it
 */
@Serdeable
public record ErrorBody(String error, String detail) {
}
