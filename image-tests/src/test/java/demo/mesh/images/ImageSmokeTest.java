package demo.mesh.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The app images, loaded from their tars and run in Docker the way their Deployments run them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ImagesAvailable.class)
class ImageSmokeTest {
    private RunningImages images;

    @BeforeAll
    void startEveryImage() {
        images = RunningImages.start();
    }

    @AfterAll
    void removeTheContainers() {
        if (images != null) {
            images.close();
        }
    }

    @ParameterizedTest
    @EnumSource(AppImage.class)
    void tarLoadsAsTheImageItsDeploymentRuns(AppImage app) {
        assertThat(images.loadedName(app)).isEqualTo(app.imageName());
    }

    @ParameterizedTest
    @EnumSource(AppImage.class)
    void isBuiltForTheArchitectureOfTheDockerEngineThatRunsIt(AppImage app) {
        String engine = DockerCli.docker("version", "--format", "{{.Server.Arch}}").strip();
        String image = DockerCli.docker("image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", app.imageName()).strip();

        // Natively, not under emulation: an arm64 Mac gets arm64 images (images.architecture, from the build's JVM).
        assertThat(image).isEqualTo("linux/" + engine);
    }

    @ParameterizedTest
    @EnumSource(AppImage.class)
    void becomesReadyWithAReadOnlyRootFilesystem(AppImage app) throws Exception {
        AppContainer container = images.container(app);
        container.awaitReady();

        HttpResponse<String> readiness = container.get("/health/readiness");
        assertThat(readiness.statusCode()).as("readiness of %s", container).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest
    @EnumSource(AppImage.class)
    void runsAsUid65532NotRoot(AppImage app) {
        AppContainer container = images.container(app);

        // The JVM is process 1 from the start, ready or not: real, effective, saved and filesystem uid.
        assertThat(container.processUids()).matches("65532\\s+65532\\s+65532\\s+65532");
    }

    @ParameterizedTest
    @EnumSource(value = AppImage.class, names = {"LOGIC_APP_V1", "LOGIC_APP_V2"})
    void logicImageIsServingOnTheGrpcHealthProbePort(AppImage app) {
        AppContainer container = images.container(app);
        container.awaitReady();

        // What the kubelet's grpc probe on port 9090 asks: the server's overall health (service "").
        await(container + " gRPC health").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> overGrpc(container, channel -> HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus()) == ServingStatus.SERVING);
    }

    @ParameterizedTest
    @CsvSource({"LOGIC_APP_V1, v1", "LOGIC_APP_V2, v2"})
    void logicImageAnswersHelloAsItsRelease(AppImage app, String release) {
        AppContainer container = images.container(app);
        container.awaitReady();

        HelloReply reply = overGrpc(container, channel -> LogicGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .hello(HelloRequest.newBuilder().setName("alice").build()));

        assertThat(reply.getMessage()).startsWith("Hello, alice!");
        assertThat(reply.getVersion()).isEqualTo(release);
    }

    @Test
    void accessAppImageReachesLogicAppByItsServiceName() {
        images.container(AppImage.LOGIC_APP_V1).awaitReady();
        AppContainer access = images.container(AppImage.ACCESS_APP);
        access.awaitReady();

        // The first call of a fresh JVM loads gRPC and Netty; on a busy machine it may miss access-app's 2 s
        // deadline (504), as it may in a new pod. Ask again, as a person would, until logic-app answers.
        await("access-app calls logic-app").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    HttpResponse<String> hello = access.get("/api/hello?name=alice");
                    assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
                    assertThat(hello.body()).contains("\"message\":\"Hello, alice!\"").contains("\"version\":\"v1\"");
                });
    }

    private static <T> T overGrpc(AppContainer container, Function<ManagedChannel, T> call) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", container.grpcPort())
                .usePlaintext().build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }
}
