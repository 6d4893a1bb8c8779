package demo.mesh.console;

import demo.mesh.console.local.LocalXdsClients;
import demo.mesh.console.security.AuthConfiguration;
import demo.mesh.console.security.SignInSummary;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * One line at start-up that says what is running, in which mode, on which ports: the ones bound, so that a console
 * started on port -1 (HTTP) or 0 (xDS) tells where it listens ({@code HTTP port N}, {@code xDS port N}).
 */
@Singleton
class StartupLog {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

    private final ConsoleConfiguration console;
    private final AuthConfiguration auth;
    private final SignInSummary signIn;
    private final Optional<LocalXdsClients> xds;

    StartupLog(ConsoleConfiguration console, AuthConfiguration auth, SignInSummary signIn,
               Optional<LocalXdsClients> xds) {
        this.console = console;
        this.auth = auth;
        this.signIn = signIn;
        this.xds = xds;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        String version = Objects.requireNonNullElse(MeshConsole.class.getPackage().getImplementationVersion(), "dev");
        LOG.info("mesh-console {} started: mode {}, namespaces {}, HTTP port {}{}, sign-in {}, open reads {}", version,
                console.mode(), console.watched(), event.getSource().getPort(),
                xds.map(clients -> ", xDS port " + clients.port()).orElse(""),
                signIn,
                auth.openReads());
    }
}
