package demo.mesh.console;

import demo.mesh.console.security.AuthConfiguration;
import demo.mesh.console.security.SignInSummary;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** One line at start-up that says what is running, in which mode, on which port. */
@Singleton
class StartupLog {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

    private final ConsoleConfiguration console;
    private final AuthConfiguration auth;
    private final SignInSummary signIn;

    StartupLog(ConsoleConfiguration console, AuthConfiguration auth, SignInSummary signIn) {
        this.console = console;
        this.auth = auth;
        this.signIn = signIn;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        String version = Objects.requireNonNullElse(MeshConsole.class.getPackage().getImplementationVersion(), "dev");
        LOG.info("mesh-console {} mode={} namespaces={} http={} sign-in={} open-reads={}", version, console.mode(),
                console.watched(), event.getSource().getPort(),
                signIn,
                auth.openReads());
    }
}
