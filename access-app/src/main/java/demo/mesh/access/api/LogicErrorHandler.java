package demo.mesh.access.api;

import demo.mesh.access.logic.LogicCallConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Turns a failed call to logic-app into an HTTP answer that says whose fault it was:
 * <pre>
 * INVALID_ARGUMENT  -> 400  the caller's input; logic-app's message is the detail
 * UNAVAILABLE       -> 503  logic-app cannot be reached
 * DEADLINE_EXCEEDED -> 504  logic-app did not answer within access.logic.deadline
 * anything else     -> 502  logic-app failed
 * </pre>
 */
@Produces
@Singleton
class LogicErrorHandler implements ExceptionHandler<StatusRuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(LogicErrorHandler.class);

    private final ErrorResponseProcessor<?> errorResponses;
    private final LogicCallConfig logicCall;

    LogicErrorHandler(ErrorResponseProcessor<?> errorResponses, LogicCallConfig logicCall) {
        this.errorResponses = errorResponses;
        this.logicCall = logicCall;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, StatusRuntimeException exception) {
        Status status = exception.getStatus();
        String description = Optional.ofNullable(status.getDescription()).orElse("no description");
        LOG.debug("logic-app call for {} failed: {}", request.getPath(), status);
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> answer(request, exception, HttpStatus.BAD_REQUEST,
                    "invalid request", description);
            case UNAVAILABLE -> answer(request, exception, HttpStatus.SERVICE_UNAVAILABLE,
                    "logic-app unavailable", "logic-app could not be reached: " + description);
            case DEADLINE_EXCEEDED -> answer(request, exception, HttpStatus.GATEWAY_TIMEOUT,
                    "logic-app timed out", "logic-app did not answer within " + logicCall.deadline().toMillis()
                            + " ms (" + LogicCallConfig.PREFIX + ".deadline)");
            default -> answer(request, exception, HttpStatus.BAD_GATEWAY,
                    "logic-app failed", "logic-app answered " + status.getCode() + ": " + description);
        };
    }

    private HttpResponse<?> answer(HttpRequest<?> request, Throwable cause, HttpStatus httpStatus,
                                   String error, String detail) {
        return errorResponses.processResponse(
                ErrorContext.builder(request).cause(cause).error(new Problem(error, detail)).build(),
                HttpResponse.status(httpStatus));
    }

    private record Problem(String summary, String detail) implements Error {

        @Override
        public String getMessage() {
            return detail;
        }

        @Override
        public Optional<String> getTitle() {
            return Optional.of(summary);
        }
    }
}
