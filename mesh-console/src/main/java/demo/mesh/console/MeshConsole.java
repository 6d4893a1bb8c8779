package demo.mesh.console;

import io.micronaut.runtime.Micronaut;

/** Web console and REST API that shift VirtualService weights. */
public final class MeshConsole {

    private MeshConsole() {
    }

    public static void main(String[] args) {
        Micronaut.run(MeshConsole.class, args);
    }
}
