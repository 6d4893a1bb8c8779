package demo.mesh.images;

import static demo.mesh.images.DockerCli.docker;

import demo.mesh.testsupport.DockerProbe;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every app image loaded from its tar and started on a Docker network of its own, as a cluster would run them:
 * logic-app-v1 also answers to the Service name {@code logic-app}, so access-app reaches it with its cluster
 * configuration unchanged.
 */
final class RunningImages implements AutoCloseable {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(3);

    private final String network;
    private final Map<AppImage, String> loadedNames = new EnumMap<>(AppImage.class);
    private final Map<AppImage, AppContainer> containers = new EnumMap<>(AppImage.class);

    private RunningImages(String network) {
        this.network = network;
    }

    /** Loads and starts every image; fails, saying why, where Docker or the image tars are missing. */
    static RunningImages start() {
        whyTheyCannotRun().ifPresent(reason -> {
            throw new AssertionError("The image tests cannot run: " + reason);
        });
        String runId = "image-test-" + UUID.randomUUID().toString().substring(0, 8);
        RunningImages images = new RunningImages("mesh-demo-" + runId);
        try {
            for (AppImage app : AppImage.values()) {
                images.loadedNames.put(app, loadedName(docker(LOAD_TIMEOUT, "load", "--input", app.tar().toString())));
            }
            docker("network", "create", images.network);
            for (AppImage app : AppImage.values()) {
                List<String> aliases = app == AppImage.LOGIC_APP_V1 ? List.of("logic-app") : List.of();
                images.containers.put(app, AppContainer.start(app, images.network, runId, aliases));
            }
            return images;
        } catch (RuntimeException e) {
            images.close();
            throw e;
        }
    }

    /** What keeps the images from running here, if anything. */
    static Optional<String> whyTheyCannotRun() {
        if (!Boolean.getBoolean("mesh.images.built")) {
            return Optional.of("the image tars are built only with the images profile: ./mvnw -Pimages verify");
        }
        for (AppImage app : AppImage.values()) {
            if (!Files.isRegularFile(app.tar())) {
                return Optional.of(app.tar() + " is missing: ./mvnw -Pimages package -DskipTests builds it");
            }
        }
        return DockerProbe.whyUnreachable()
                .map(reason -> reason + ": start Docker (Debian: apt-get install docker.io && dockerd &)");
    }

    AppContainer container(AppImage app) {
        return containers.get(app);
    }

    /** The name and tag the image got from {@code docker load}. */
    String loadedName(AppImage app) {
        return loadedNames.get(app);
    }

    @Override
    public void close() {
        containers.values().forEach(AppContainer::close);
        if (!docker("network", "ls", "--quiet", "--filter", "name=^" + network + "$").isEmpty()) {
            docker("network", "rm", network);
        }
    }

    private static String loadedName(String loadOutput) {
        // "Loaded image: logic-app-v1:0.1.0"
        return loadOutput.lines().filter(line -> line.startsWith("Loaded image: ")).findFirst()
                .map(line -> line.substring("Loaded image: ".length()).strip())
                .orElseThrow(() -> new IllegalStateException("docker load named no image: " + loadOutput));
    }
}
