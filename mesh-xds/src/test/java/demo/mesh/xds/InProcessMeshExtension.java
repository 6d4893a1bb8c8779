package demo.mesh.xds;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Hands every test that asks the one {@link InProcessMesh} of this JVM, started on first use and closed when the run
 * ends (the root store closes what it holds).
 */
final class InProcessMeshExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == InProcessMesh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(InProcessMesh.class, key -> start(), InProcessMesh.class);
    }

    private static InProcessMesh start() {
        try {
            return InProcessMesh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local mesh on loopback", e);
        }
    }
}
