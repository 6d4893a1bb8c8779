/**
 * The console's built-in load generator and the split it observes. Switched off as a whole with
 * {@code mesh-console.load.enabled: false}: no bean of this package is created and {@code /api/load} is not served.
 */
@Configuration
@Requires(property = "mesh-console.load.enabled", notEquals = "false")
package demo.mesh.console.load;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
