package demo.mesh.access.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error access-app answers, whatever its status.
 *
 * @param error  short summary, such as "logic-app unavailable"
 * @param detail what exactly went wrong, for a person reading it
 */
@Serdeable
public record ErrorBody(String error, String detail) {
}
