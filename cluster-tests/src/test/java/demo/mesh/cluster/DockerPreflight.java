package demo.mesh.cluster;

import demo.mesh.testsupport.DockerProbe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether k3s can run in the Docker engine here: an engine answers, it runs privileged containers, and it has the
 * k3s image or can pull it. Decided before Testcontainers is asked anything (with no engine behind it, its own
 * discovery has been seen to wait for minutes) and, where no pull is needed, in seconds.
 */
final class DockerPreflight {
    /** Two runs of a command that exits at once; pulling is never involved. */
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_TRIAL_IMAGES = 3;
    /** k3s is about 70 MB: a minute on a slow line, seconds from a mirror. */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    private DockerPreflight() {
    }

    /** Why k3s cannot run in this machine's Docker engine, or empty when it should. */
    static Optional<String> whyK3sCannotRun(String k3sImage) {
        return whyK3sCannotRun(System.getenv(), Path.of(System.getProperty("user.home")), k3sImage);
    }

    static Optional<String> whyK3sCannotRun(Map<String, String> env, Path home, String k3sImage) {
        Optional<String> unreachable = DockerProbe.whyUnreachable(env, home);
        Optional<URI> host = DockerProbe.host(env, home);
        if (unreachable.isPresent() || host.isEmpty() || !DockerProbe.checkable(host.get(), env)) {
            return unreachable; // ssh:// or TLS: leave it to Testcontainers, which knows how to get there
        }
        return privilegedRefusal(host.get(), k3sImage).or(() -> missingImage(host.get(), k3sImage));
    }

    /*
     * Why a trial run rather than `docker info`: an engine that may not grant privileges (one that itself runs in a
     * sandbox or an unprivileged container) lists the same security options as one that may; only starting a
     * privileged container tells them apart. The trial runs one command twice in an image the engine already has
     * (nothing is pulled), first without and then with privileges: when only the privileged run fails, the flag is
     * the cause. An image that cannot run the command at all proves nothing and the next one is tried; with none
     * left the check is inconclusive and k3s itself will say what is wrong.
     */
    private static Optional<String> privilegedRefusal(URI host, String k3sImage) {
        DockerProbe docker = new DockerProbe(host, TRIAL_TIMEOUT);
        try {
            for (Trial trial : trials(docker.localImages(), k3sImage)) {
                if (docker.run(trial.image(), trial.command(), false).isPresent()) {
                    continue;
                }
                return docker.run(trial.image(), trial.command(), true).map(error ->
                        "k3s needs privileged containers; this Docker refuses them (" + error.strip() + ")");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("the Docker engine at " + host + " could not run a trial container: " + e.getMessage());
        }
    }

    /** Why {@code image} is neither here nor pullable, if so: a pull that fails here fails the same in Testcontainers. */
    private static Optional<String> missingImage(URI host, String image) {
        try {
            return new DockerProbe(host, PULL_TIMEOUT).pullUnlessPresent(image).map(error -> "cannot pull " + image
                    + " (" + error.strip() + "); pull or load it into this Docker first");
        } catch (RuntimeException e) {
            return Optional.of("cannot pull " + image + ": " + e.getMessage());
        }
    }

    private record Trial(String image, List<String> command) {
    }

    /** The k3s image itself first when it is already here (its binary exits at once with --version). */
    private static List<Trial> trials(List<String> localImages, String k3sImage) {
        List<Trial> trials = new ArrayList<>();
        if (localImages.contains(k3sImage)) {
            trials.add(new Trial(k3sImage, List.of("/bin/k3s", "--version")));
        }
        localImages.stream().filter(image -> !image.equals(k3sImage)).limit(MAX_TRIAL_IMAGES)
                .forEach(image -> trials.add(new Trial(image, List.of("true"))));
        return trials;
    }
}
