package demo.mesh.logic;

import io.micronaut.runtime.Micronaut;

/**
 * Starts a logic-app release. Each release module (logic-app-v1, logic-app-v2) puts its own {@link Greeting} and
 * application.yml next to this shared code; the jar it builds is that release.
 */
public final class LogicApp {
    private LogicApp() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(LogicApp.class).start();
    }
}
