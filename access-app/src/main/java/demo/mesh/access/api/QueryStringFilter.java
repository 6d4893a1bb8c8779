package demo.mesh.access.api;

import demo.mesh.error.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Answers 400 before any controller runs when the query string breaks {@link QueryStringRules}. */
@ServerFilter("/api/**")
class QueryStringFilter {

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> check(HttpRequest<?> request) {
        return QueryStringRules.problem(request.getUri().getRawQuery())
                .map(problem -> HttpResponse.<ApiError>badRequest(
                        ApiError.of(HttpStatus.BAD_REQUEST, problem.message(), problem.parameter())))
                .orElse(null);
    }
}
