package demo.mesh.access;

import demo.mesh.access.logic.LogicCallConfig;
import demo.mesh.access.logic.LogicClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line at start-up that tells an operator what runs, in which mode, talking to what, and on which port as bound:
 * started on port -1, it tells which port it got ({@code HTTP port N}).
 */
@Singleton
class StartupLog implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

    private final Environment environment;
    private final LogicCallConfig logicCall;
    private final String logicTarget;

    StartupLog(Environment environment,
               LogicCallConfig logicCall,
               @Property(name = LogicClient.TARGET_PROPERTY) String logicTarget) {
        this.environment = environment;
        this.logicCall = logicCall;
        this.logicTarget = logicTarget;
    }

    @Override
    public boolean supports(ServerStartupEvent event) {
        // Other embedded servers (a gRPC one, say) announce themselves too; this line is about the HTTP edge.
        return event.getSource() instanceof NettyEmbeddedServer;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        LOG.info("{} {} started, environments {}, logic target {} (deadline {} ms), HTTP port {}",
                environment.getProperty("micronaut.application.name", String.class).orElse("access-app"),
                environment.getProperty("micronaut.application.version", String.class).orElse("unknown"),
                environment.getActiveNames(),
                logicTarget,
                logicCall.deadline().toMillis(),
                event.getSource().getPort());
    }
}
