package demo.mesh.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.util.List;

/**
 * What the console manages.
 *
 * @param mode       which {@link demo.mesh.console.routing.TrafficRouter} serves the routes
 *                   ({@code MESH_CONSOLE_MODE}); an unknown mode stops the console at start-up
 * @param namespaces the namespaces whose VirtualServices are listed and watched ({@code MESH_CONSOLE_NAMESPACES}),
 *                   or {@code *} alone for every namespace; see {@link WatchedNamespaces}
 */
@ConfigurationProperties(ConsoleConfiguration.PREFIX)
public record ConsoleConfiguration(
        @NotBlank @Bindable(defaultValue = "kubernetes") String mode,
        @NotEmpty @Bindable(defaultValue = "mesh-demo") List<String> namespaces) {

    public static final String PREFIX = "mesh-console";

    public ConsoleConfiguration {
        // Parsed here so that a bad list stops the start-up with its reason, not the first request.
        WatchedNamespaces.parse(namespaces);
    }

    public WatchedNamespaces watched() {
        return WatchedNamespaces.parse(namespaces);
    }
}
