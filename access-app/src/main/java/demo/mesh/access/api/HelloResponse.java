package demo.mesh.access.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import demo.mesh.logic.api.HelloReply;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The greeting as access-app's callers see it.
 *
 * @param stars present only when the answering release rates (stars &gt; 0)
 */
@Serdeable
public record HelloResponse(String message,
                            String version,
                            String instance,
                            @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Integer stars) {

    static HelloResponse from(HelloReply reply) {
        return new HelloResponse(reply.getMessage(), reply.getVersion(), reply.getInstance(),
                reply.getStars() > 0 ? reply.getStars() : null);
    }
}
