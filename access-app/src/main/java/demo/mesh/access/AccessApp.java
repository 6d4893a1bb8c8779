package demo.mesh.access;

import io.micronaut.runtime.Micronaut;

/** The edge of the mesh demo: HTTP in, gRPC out to logic-app by service name. */
public final class AccessApp {

    private AccessApp() {
    }

    public static void main(String[] args) {
        Micronaut.run(AccessApp.class, args);
    }
}
