package demo.mesh.xds;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Hands every test that asks the one {@link LocalMesh} of this JVM, started on first use and closed when the run
 * ends (the root store closes what it holds).
 */
final class LocalMeshExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalMesh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalMesh.class, key -> start(), LocalMesh.class);
    }

    private static LocalMesh start() {
        try {
            return LocalMesh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local mesh on loopback", e);
        }
    }
}
