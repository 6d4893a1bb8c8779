package demo.mesh.cluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Skips a cluster test class, saying why, where this machine's Docker cannot run k3s. The preflight runs once per
 * test run and takes seconds; Testcontainers is not asked anything before it has passed.
 */
final class K3sAvailable implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(K3sAvailable.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Optional<String> reason = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("why-not",
                key -> DockerPreflight.whyK3sCannotRun(Project.K3S_IMAGE), Optional.class);
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("Docker answers and runs privileged containers");
        }
        String message = "k3s tests skipped: " + reason.get();
        if (context.getTestMethod().isEmpty()) {
            // Surefire's summary shows only a count of skipped tests; say why on the console, once per class.
            System.out.println(context.getDisplayName() + ": " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }
}
