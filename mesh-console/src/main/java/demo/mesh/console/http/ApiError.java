package demo.mesh.console.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Every error the API answers: a sentence for people and, for invalid requests, the field that was wrong. */
@Serdeable
public record ApiError(String message, @Nullable String field) {
}
