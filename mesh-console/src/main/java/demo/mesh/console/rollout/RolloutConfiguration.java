package demo.mesh.console.rollout;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Who drives guarded rollouts when several consoles run ({@code mesh-console.rollout.tick}, how often the driver
 * looks, is read by {@link RolloutEngine}'s schedule).
 *
 * @param leaseNamespace where the Lease that elects the one console driving rollouts lives (Kubernetes mode)
 * @param leaseName      its name
 * @param identity       this console's name in the Lease; null: the host name (the pod's) and a random suffix
 * @param leaseDuration  how long a leader that stopped renewing keeps the Lease before another may take it
 * @param renewDeadline  how long the leader keeps trying to renew before it gives up leading
 * @param retryPeriod    how often the Lease is renewed, or tried for
 */
@ConfigurationProperties(RolloutConfiguration.PREFIX)
public record RolloutConfiguration(
        @Bindable(defaultValue = "mesh-demo") String leaseNamespace,
        @Bindable(defaultValue = "mesh-console-rollout") String leaseName,
        @Nullable String identity,
        @Bindable(defaultValue = "15s") Duration leaseDuration,
        @Bindable(defaultValue = "10s") Duration renewDeadline,
        @Bindable(defaultValue = "2s") Duration retryPeriod) {

    public static final String PREFIX = "mesh-console.rollout";

    public RolloutConfiguration {
        // fabric8 refuses these as well, but only when the election starts, in a thread nobody watches.
        if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0
                && retryPeriod.compareTo(Duration.ZERO) > 0)) {
            throw new ConfigurationException(PREFIX + ": lease-duration (" + leaseDuration + ") must be longer than"
                    + " renew-deadline (" + renewDeadline + "), which must be longer than retry-period (" + retryPeriod
                    + "), which must be more than zero");
        }
    }
}
