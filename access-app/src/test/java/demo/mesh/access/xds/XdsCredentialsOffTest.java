package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicChannel;
import demo.mesh.logic.api.HelloReply;
import io.grpc.Metadata;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the switch the channels are the ones configured by name (plaintext, as application.yml says), one per
 * event loop of the HTTP server, so a call made while serving a request never leaves that request's thread.
 */
@MicronautTest
class XdsCredentialsOffTest extends FakeLogicChannelTest {

    @Test
    void thereIsOnePlaintextChannelPerEventLoop() throws Exception {
        LogicChannel channel = context.getBean(LogicChannel.class);

        assertThat(channel.xdsCredentials()).isFalse();
        assertThat(channel.count()).isEqualTo(eventLoops().size()).isGreaterThan(1);
        assertThat(versionAnsweringOneCall()).isEqualTo(FakeLogic.VERSION);
    }

    /**
     * With one channel shared by all loops, the answer to a call made on any loop but the channel's own arrives on
     * the channel's loop: this fails for all of them but one.
     */
    @Test
    void aCallMadeOnAnEventLoopIsAnsweredOnThatLoop() throws Exception {
        List<CompletableFuture<String>> answeredOn = new ArrayList<>();
        for (EventExecutor loop : eventLoops()) {
            for (int call = 0; call < 5; call++) {
                CompletableFuture<String> answered = new CompletableFuture<>();
                loop.execute(() -> {
                    String caller = Thread.currentThread().getName();
                    // Attached before this task ends, so before an answer can reach this loop: the callback runs
                    // where the answer arrived.
                    logic.hello("alice", new Metadata()).whenComplete((HelloReply reply, Throwable error) ->
                            answered.complete(error != null ? "failed: " + error : caller + " -> " + Thread.currentThread().getName()));
                });
                answeredOn.add(answered);
            }
        }
        for (CompletableFuture<String> answered : answeredOn) {
            String callerAndAnswerer = answered.get(10, TimeUnit.SECONDS);
            String[] threads = callerAndAnswerer.split(" -> ");
            assertThat(threads).as(callerAndAnswerer).hasSize(2);
            assertThat(threads[1]).as("thread the answer arrived on, for a call made on " + threads[0]).isEqualTo(threads[0]);
        }
    }

    private List<EventExecutor> eventLoops() {
        EventLoopGroup group = context.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup();
        List<EventExecutor> loops = new ArrayList<>();
        group.forEach(loops::add);
        return loops;
    }
}
