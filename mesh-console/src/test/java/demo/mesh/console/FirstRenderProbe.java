package demo.mesh.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@code bench/scale.sh}: opens the console page in a fresh headless Chromium {@code TIMES} times and prints, as
 * JSON, how long after navigation the first cards were in the page (the page's {@code routes-shown} mark), p50 and
 * max in milliseconds. A fresh browser each time, so nothing is cached.
 */
public final class FirstRenderProbe {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private FirstRenderProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int times = Integer.parseInt(args[1]);
        BrowserSession.requireChromium();
        List<Double> renders = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            try (BrowserSession browser = BrowserSession.open(port, WAIT, driver -> "no routes-shown mark")) {
                browser.waitFor(driver -> browser.runScript(
                        "return performance.getEntriesByName('routes-shown').length > 0") == Boolean.TRUE);
                renders.add(((Number) browser.runScript(
                        "return performance.getEntriesByName('routes-shown')[0].startTime")).doubleValue());
            }
        }
        List<Double> sorted = renders.stream().sorted().toList();
        System.out.printf("{\"render_p50\": %.1f, \"render_max\": %.1f}%n", sorted.get((sorted.size() - 1) / 2),
                sorted.get(sorted.size() - 1));
    }
}
