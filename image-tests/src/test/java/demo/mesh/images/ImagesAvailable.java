package demo.mesh.images;

import demo.mesh.testsupport.Ci;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the image tests, with the reason, where they cannot run (no Docker engine, no image tars) — except in CI
 * (env CI=true), which must run them: there {@link RunningImages#start()} fails with the same reason instead.
 */
final class ImagesAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Ci.isCi()) {
            return ConditionEvaluationResult.enabled("CI always runs the image tests");
        }
        return RunningImages.whyTheyCannotRun().map(reason -> {
            // Surefire's summary shows only a count of skipped tests; say why on the console too.
            System.out.println("Image tests skipped: " + reason);
            return ConditionEvaluationResult.disabled("Image tests skipped: " + reason);
        }).orElse(ConditionEvaluationResult.enabled("Docker answers and the image tars are built"));
    }
}
