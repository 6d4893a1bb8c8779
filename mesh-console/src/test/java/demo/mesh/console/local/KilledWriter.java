package demo.mesh.console.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A separate JVM that stores a file through {@link AtomicFile} in a loop, one numbered generation after another,
 * until it is killed with SIGKILL: what a console killed while storing a change leaves on disk. Each generation is
 * the original content, a line naming the generation, a megabyte of padding so that most of the time is spent
 * writing, and a last line naming the generation again; a file that is anything else was torn.
 */
final class KilledWriter implements AutoCloseable {

    /** The writer gives up by itself after this long, so a test that dies cannot leave it running. */
    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final String PADDING = ("# padding to make each write take a while"
            + " ".repeat(22) + "\n").repeat(16_384);

    private final Process process;
    private final Path file;
    private final Path log;

    private KilledWriter(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Starts the writer on {@code file}, whose present content each generation starts with. */
    static KilledWriter start(Path file) throws IOException {
        Path log = Files.createTempFile(file.getParent(), "writer", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledWriter.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new KilledWriter(process, file, log);
    }

    /** The content of {@code generation} for a file that held {@code original}. */
    static String generation(String original, long generation) {
        return original + "# generation " + generation + "\n" + PADDING + "# end of generation " + generation + "\n";
    }

    /** The generations the writer has reported stored (renamed into place), oldest first. */
    List<Long> stored() throws IOException {
        List<Long> stored = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("stored ")) {
                stored.add(Long.parseLong(line.substring("stored ".length())));
            }
        }
        return stored;
    }

    /**
     * Waits until it has stored {@code count} generations and then, when {@code whileATemporaryFileIsOpen}, until it
     * has the next one's temporary file open, and kills it with SIGKILL; returns the last generation it reported
     * stored. Killing at once hits whatever it is doing: building the next content, writing it, or renaming.
     */
    long kill(int count, boolean whileATemporaryFileIsOpen) throws IOException, InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> stored().size() >= count || !process.isAlive());
        if (whileATemporaryFileIsOpen) {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .alias("the writer has a temporary file open beside " + file.getFileName())
                    .until(() -> !temporaryFiles().isEmpty() || !process.isAlive());
        }
        if (!process.isAlive()) {
            throw new AssertionError("the writer stopped by itself: " + Files.readString(log));
        }
        process.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the writer survived SIGKILL");
        }
        List<Long> stored = stored();
        return stored.get(stored.size() - 1);
    }

    /** The temporary files beside the file: the one a write has open, and those that killed writes left. */
    List<Path> temporaryFiles() throws IOException {
        return temporaryFilesBeside(file);
    }

    /** The temporary files {@link AtomicFile} writes of {@code file} have open or left behind. */
    static List<Path> temporaryFilesBeside(Path file) throws IOException {
        String prefix = file.getFileName() + ".";
        try (var siblings = Files.list(file.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(log);
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String original = Files.readString(file);
        long end = System.nanoTime() + LIFETIME.toNanos();
        for (long generation = 1; System.nanoTime() < end; generation++) {
            AtomicFile.write(file, generation(original, generation));
            System.out.println("stored " + generation);
            System.out.flush();
        }
    }
}
