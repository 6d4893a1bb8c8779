package demo.mesh.console.rollout;

import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.RouteRef;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Each rollout verdict and action as a Kubernetes Event on its VirtualService ({@code kubectl describe vs}). */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
class KubernetesRolloutEvents implements RolloutEvents {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRolloutEvents.class);
    static final String REASON = "GuardedRollout";
    /** The API server refuses a longer message. */
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;

    KubernetesRolloutEvents(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void announce(ChangeNotice notice) {
        RouteRef ref = notice.ref();
        String message = notice.cause().reason();
        Instant now = Instant.now();
        String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        try {
            client.v1().events().inNamespace(ref.namespace()).resource(new EventBuilder()
                    .withNewMetadata()
                        .withNamespace(ref.namespace())
                        .withGenerateName(ref.name() + ".rollout.")
                    .endMetadata()
                    .withNewInvolvedObject()
                        .withApiVersion("networking.istio.io/v1")
                        .withKind("VirtualService")
                        .withNamespace(ref.namespace())
                        .withName(ref.name())
                    .endInvolvedObject()
                    .withType(RolloutCause.PAUSED.equals(notice.cause().kind()) ? "Warning" : "Normal")
                    .withReason(REASON)
                    .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                    .withNewSource().withComponent("mesh-console").endSource()
                    .withFirstTimestamp(time)
                    .withLastTimestamp(time)
                    .withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            // The rollout itself is kept with the route; a lost event costs a line in kubectl describe, nothing more.
            LOG.warn("Rollout event for {} not recorded: {}", ref, e.getMessage());
        }
    }
}
