package demo.mesh.cluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Skips a test class, saying why, unless every app image tar that {@code -Pimages} builds is there. */
final class AppImagesBuilt implements ExecutionCondition {
    /** Module, image and Deployment share each name. */
    static final List<String> APPS = List.of("logic-app-v1", "logic-app-v2", "access-app", "mesh-console");

    static Path imageTar(String app) {
        return Project.built(app, "target/jib-image.tar");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return APPS.stream().map(AppImagesBuilt::imageTar).filter(tar -> !Files.isRegularFile(tar)).findFirst()
                .map(missing -> {
                    String message = "k3s-istio tests skipped: " + missing + " is missing; build the images with "
                            + "./mvnw -pl cluster-tests -am verify -Pimages,k3s-istio";
                    System.out.println(context.getDisplayName() + ": " + message);
                    return ConditionEvaluationResult.disabled(message);
                })
                .orElse(ConditionEvaluationResult.enabled("every app image is built"));
    }
}
