package demo.mesh.console.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code GET /api/events}, the live route changes every open page follows. Checked at start-up ({@code @Context}).
 *
 * @param maxClients how many streams may be open at once ({@code MESH_CONSOLE_EVENTS_MAX_CLIENTS}); one per open
 *                   page, so the default leaves room for a team and refuses a script opening them in a loop
 */
@Context
@ConfigurationProperties(EventsConfiguration.PREFIX)
public record EventsConfiguration(@Bindable(defaultValue = "32") int maxClients) {

    public static final String PREFIX = "mesh-console.events";

    public EventsConfiguration {
        if (maxClients < 1) {
            throw new ConfigurationException(PREFIX + ".max-clients must be at least 1, got " + maxClients);
        }
    }
}
