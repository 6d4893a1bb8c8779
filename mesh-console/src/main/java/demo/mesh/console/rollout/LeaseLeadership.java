package demo.mesh.console.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election on a Kubernetes Lease with fabric8's {@code LeaderElector}: of several console replicas only the
 * holder of the Lease ticks rollouts. fabric8's elector ends when it loses the Lease, so a new one stands again
 * until the console stops; a replica that stops releases the Lease for the next at once.
 */
@Context
@Requires(property = "mesh-console.mode", value = "kubernetes")
class LeaseLeadership implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final RolloutConfiguration configuration;
    private final String identity;
    private final AtomicBoolean leader = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile CompletableFuture<?> election;

    LeaseLeadership(KubernetesClient client, RolloutConfiguration configuration) {
        this.client = client;
        this.configuration = configuration;
        this.identity = configuration.identity() != null && !configuration.identity().isBlank()
                ? configuration.identity()
                : System.getenv().getOrDefault("HOSTNAME", "mesh-console") + "-" + UUID.randomUUID().toString().substring(0, 8);
        stand();
    }

    @Override
    public boolean leader() {
        return leader.get();
    }

    @Override
    public String actor() {
        return "rollout@" + identity;
    }

    private synchronized void stand() {
        if (stopped) {
            return;
        }
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(configuration.leaseName())
                .withLock(new LeaseLock(configuration.leaseNamespace(), configuration.leaseName(), identity))
                .withLeaseDuration(configuration.leaseDuration())
                .withRenewDeadline(configuration.renewDeadline())
                .withRetryPeriod(configuration.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leader.set(true);
                            LOG.info("Rollouts: {} leads (Lease {}/{})", identity, configuration.leaseNamespace(),
                                    configuration.leaseName());
                        },
                        () -> {
                            leader.set(false);
                            LOG.info("Rollouts: {} no longer leads", identity);
                        },
                        newLeader -> LOG.debug("Rollouts: {} leads now", newLeader)))
                .build()).build().start();
        election.whenComplete((result, failure) -> {
            leader.set(false);
            stand();
        });
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        leader.set(false);
        if (election != null) {
            election.cancel(true);
        }
    }
}
