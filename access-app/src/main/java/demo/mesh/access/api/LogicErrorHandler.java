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

import java.util.Locale;
import java.util.Optional;

/**
 * Turns a failed call to logic-app into an HTTP answer that says whose fault it was. The {@code error} field is
 * the gRPC status code in snake case, the {@code message} (and {@code detail}) says what happened:
 * <pre>
 * INVALID_ARGUMENT  -> 400  the caller's name; logic-app's description is the message, "name" the field
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
        LOG.debug("logic-app call for {} failed: {}", request.getPath(), status);
        String description = Optional.ofNullable(status.getDescription()).orElse("no description");
        Problem problem = switch (status.getCode()) {
            // The name is all a caller gives logic-app: what it refuses is the name.
            case INVALID_ARGUMENT -> new Problem(status, HttpStatus.BAD_REQUEST, description, "name");
            case UNAVAILABLE -> new Problem(status, HttpStatus.SERVICE_UNAVAILABLE,
                    "logic-app could not be reached: " + description, null);
            case DEADLINE_EXCEEDED -> new Problem(status, HttpStatus.GATEWAY_TIMEOUT,
                    "logic-app did not answer within " + logicCall.deadline().toMillis() + " ms ("
                            + LogicCallConfig.PREFIX + ".deadline)", null);
            default -> new Problem(status, HttpStatus.BAD_GATEWAY, "logic-app failed: " + description, null);
        };
        return errorResponses.processResponse(
                ErrorContext.builder(request).cause(exception).error(problem).build(),
                HttpResponse.status(problem.httpStatus()));
    }

    /** @param field the one request field at fault, or null */
    private record Problem(Status grpcStatus, HttpStatus httpStatus, String detail, String field) implements Error {

        @Override
        public Optional<String> getTitle() {
            return Optional.of(grpcStatus.getCode().name().toLowerCase(Locale.ROOT));
        }

        @Override
        public String getMessage() {
            return detail;
        }

        /** As Micronaut names an argument it could not bind, which {@link JsonErrorBodyProvider} reads. */
        @Override
        public Optional<String> getPath() {
            return Optional.ofNullable(field).map(name -> "/" + name);
        }
    }
}
