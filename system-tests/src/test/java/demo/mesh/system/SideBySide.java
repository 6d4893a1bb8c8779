package demo.mesh.system;

import demo.mesh.testsupport.AppProcess;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Apps that do not need each other, started or stopped at the same time rather than one after another. */
final class SideBySide {
    private SideBySide() {
    }

    /**
     * Runs every start at once and returns the processes by name, in the order given; if any start fails, stops the
     * ones that started and throws the first failure.
     */
    static Map<String, AppProcess> start(Map<String, Callable<AppProcess>> starts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        try {
            Map<String, Future<AppProcess>> starting = new LinkedHashMap<>();
            starts.forEach((key, start) -> starting.put(key, pool.submit(start)));
            Map<String, AppProcess> started = new LinkedHashMap<>();
            Exception failure = null;
            for (Map.Entry<String, Future<AppProcess>> entry : starting.entrySet()) {
                try {
                    started.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failure != null) {
                close(started.values());
                throw failure;
            }
            return started;
        } finally {
            pool.shutdownNow();
        }
    }

    /** SIGTERM to each of {@code apps} (nulls skipped) at once, then waits for each as {@link AppProcess#close()}. */
    static void close(Collection<AppProcess> apps) throws InterruptedException {
        List<AppProcess> running = apps.stream().filter(Objects::nonNull).toList();
        running.forEach(AppProcess::terminate);
        for (AppProcess app : running) {
            app.close();
        }
    }
}
