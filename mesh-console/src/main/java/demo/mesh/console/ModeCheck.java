package demo.mesh.console;

import demo.mesh.console.routing.TrafficRouter;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Stops the console at start-up when {@code mesh-console.mode} names no router, instead of starting with nothing
 * to serve or silently falling back to another mode.
 */
@Context
class ModeCheck {

    ModeCheck(ConsoleConfiguration configuration, BeanContext beanContext) {
        if (!beanContext.containsBean(TrafficRouter.class)) {
            throw new ConfigurationException("mesh-console.mode '" + configuration.mode()
                    + "' is unknown: no traffic router serves it. Set MESH_CONSOLE_MODE to kubernetes (edit VirtualServices through "
                    + "the Kubernetes API) or local (serve istio/*.yaml over xDS on this machine)");
        }
    }
}
