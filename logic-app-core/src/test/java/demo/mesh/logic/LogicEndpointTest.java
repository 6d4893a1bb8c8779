package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
class LogicEndpointTest extends EmbeddedLogicTest {

    @Test
    void answerIsSignedWithVersionAndInstance() {
        HelloReply reply = logic.hello("alice");

        assertThat(reply.getMessage()).isEqualTo("Hi alice");
        assertThat(reply.getStars()).isEqualTo(3);
        assertThat(reply.getVersion()).isEqualTo("test-release");
        assertThat(reply.getInstance()).isEqualTo("test-instance");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                      | name must not be empty",
            "'   '                   | name must not be empty",
            "'tab\there'             | name must not contain control characters, found U+0009 at position 4",
            "'bell\u0007'            | name must not contain control characters, found U+0007 at position 5",
    })
    void invalidNameIsRefusedWithTheBrokenRule(String name, String message) {
        assertInvalidArgument(name, message);
    }

    @Test
    void nameLongerThan64CharactersIsRefused() {
        assertInvalidArgument("x".repeat(65), "name must be at most 64 characters, got 65");
    }

    @Test
    void nameOf64CharactersIncludingEmojiIsAccepted() {
        String name = "\uD83D\uDE00".repeat(4) + "y".repeat(60);
        assertThat(logic.hello(name).getMessage()).isEqualTo("Hi " + name);
    }

    @Test
    void healthServiceReportsServing() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(logic.channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheLogicService() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(logic.channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        ListServiceResponse services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse();
        List<String> names = services.getServiceList().stream().map(ServiceResponse::getName).toList();
        assertThat(names).contains("mesh.logic.v1.Logic", "grpc.health.v1.Health");
    }

    private void assertInvalidArgument(String name, String message) {
        assertThatThrownBy(() -> logic.hello(name))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo(message);
                });
    }
}
