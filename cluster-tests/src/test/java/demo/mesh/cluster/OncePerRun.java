package demo.mesh.cluster;

import demo.mesh.testsupport.Bounded;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;

/**
 * Supplies one {@code T} to every test that takes it as a parameter: started the first time one asks, within a time
 * limit, and shared by every class of the run; JUnit closes it at the end, as it closes what its root store holds.
 */
abstract class OncePerRun<T extends AutoCloseable> implements ParameterResolver {
    private final Class<T> type;
    private final String what;
    private final Duration limit;

    /** @param what names the fixture in the message when it does not start within {@code limit} */
    OncePerRun(Class<T> type, String what, Duration limit) {
        this.type = type;
        this.what = what;
        this.limit = limit;
    }

    /** Starts the fixture; on failure, stops whatever it had started. */
    abstract T start();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(type, key -> Bounded.call(what, limit, this::start), type);
    }
}
