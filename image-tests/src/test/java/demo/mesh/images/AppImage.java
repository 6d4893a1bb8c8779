package demo.mesh.images;

import demo.mesh.testsupport.ProjectBuild;

import java.nio.file.Path;
import java.util.Map;

/** The app images and how each one is run here: as its Deployment runs it, minus the cluster around it. */
enum AppImage {
    LOGIC_APP_V1("logic-app-v1", true, Map.of()),
    LOGIC_APP_V2("logic-app-v2", true, Map.of()),
    ACCESS_APP("access-app", false, Map.of()),
    /*
     * The console's ConfigMap and Secret. No Kubernetes API answers here: the console starts anyway and retries its
     * watch, which is what it does in a cluster while the API server is away.
     */
    MESH_CONSOLE("mesh-console", false, Map.of(
            "MESH_CONSOLE_MODE", "kubernetes",
            "MESH_CONSOLE_NAMESPACES", "mesh-demo",
            "MESH_CONSOLE_AUTH_USERNAME", "admin",
            // bcrypt (cost 4) of image-test-password: the console accepts no plain password.
            "MESH_CONSOLE_AUTH_PASSWORD", "$2a$04$niRX1u4zEum8c3J0stcKX.fnqJZq9IaA8P4ROn8VGe8VhjIWvzcbi"));

    static final Path ROOT = ProjectBuild.root();
    /** Image tags follow the project's version. */
    static final String VERSION = ProjectBuild.version();

    /** Module, image and Deployment share this name. */
    final String module;
    /** Logic pods serve gRPC on 9090, where the kubelet probes their health. */
    final boolean servesGrpc;
    /** What the Deployment adds to the environment, beyond the Micronaut environment {@code k8s}. */
    final Map<String, String> environment;

    AppImage(String module, boolean servesGrpc, Map<String, String> environment) {
        this.module = module;
        this.servesGrpc = servesGrpc;
        this.environment = environment;
    }

    /** The name the Deployments run (kustomize sets the tag to the project version). */
    String imageName() {
        return module + ":" + VERSION;
    }

    /** Where {@code -Pimages} leaves this app's image. */
    Path tar() {
        return ROOT.resolve(module).resolve("target").resolve("jib-image.tar");
    }
}
