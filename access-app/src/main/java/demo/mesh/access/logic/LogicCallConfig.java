package demo.mesh.access.logic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How access-app calls logic-app.
 *
 * @param deadline how long one call may take before access-app answers 504; logic sees it as the gRPC deadline
 */
@ConfigurationProperties(LogicCallConfig.PREFIX)
public record LogicCallConfig(@Bindable(defaultValue = "2s") Duration deadline) {

    public static final String PREFIX = "access.logic";

    public LogicCallConfig {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".deadline must be a positive duration such as 2s, got " + deadline);
        }
    }
}
