package demo.mesh.console.health;

import demo.mesh.console.routing.RoutingException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code window} a health request asks for: whole seconds or minutes, from 5s to 10m. */
final class HealthWindow {

    static final Duration MIN = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(10);
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,4})([sm])");

    private HealthWindow() {
    }

    /** @throws RoutingException INVALID naming {@code window} when it is not a duration in range */
    static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw invalid("window must be a whole number of seconds or minutes such as 30s or 2m, got '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        if (window.compareTo(MIN) < 0 || window.compareTo(MAX) > 0) {
            throw invalid("window must be from 5s to 10m, got " + text);
        }
        return window;
    }

    /** The window as the API writes it back: minutes when whole, else seconds. */
    static String format(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static RoutingException invalid(String message) {
        return RoutingException.invalid("window", message);
    }
}
