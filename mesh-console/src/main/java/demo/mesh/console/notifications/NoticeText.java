package demo.mesh.console.notifications;

import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.routing.ChangeNotice;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A change in one line a person reads in a chat channel at night: "[mesh-demo] VirtualService logic-app route
 * logic-app-split set to v1=100 v2=0 (was v1=90 v2=10) by rollout@console-a: rollout v1 → v2 rolled back …
 * — v1 99.9% of 1800 calls, p99 9 ms; v2 70% of 200 calls, p99 8 ms".
 */
final class NoticeText {

    private NoticeText() {
    }

    static String line(ChangeNotice change) {
        String where = "[" + change.ref().namespace() + "] ";
        String what = change.before().equals(change.after()) && change.cause().reason() != null
                ? "VirtualService " + change.ref().name() + ": " + change.cause().reason()
                        + " (by " + change.user() + ")"
                : change.describe();
        return where + what + figures(change.cause().figures());
    }

    private static String figures(Map<String, VersionHealth> figures) {
        if (figures.isEmpty()) {
            return "";
        }
        return " — " + figures.entrySet().stream()
                .map(e -> e.getKey() + " " + health(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String health(VersionHealth health) {
        if (health.successRate() == null) {
            return "no calls";
        }
        String line = number(health.successRate()) + "% of " + health.calls() + " calls";
        return health.p99Ms() == null ? line : line + ", p99 " + number(health.p99Ms()) + " ms";
    }

    /** At most two decimals, none when whole: "99.94", "70", "8.5". */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("\\.?0+$", "");
    }
}
