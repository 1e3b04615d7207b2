package io.lecturevision.common.request;

import io.lecturevision.common.error.ErrorResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.Locale;

/**
 * Runs first for every HTTP request, REST or not ({@code /q/*}, unknown paths): gives it a request id
 * (the client's or a new one) in the MDC and the response, and reports the time spent in
 * {@code X-Process-Time} (seconds, as seed 003 does). Unknown paths answer FastAPI's 404 body.
 */
@ApplicationScoped
public class RequestIdRouteFilter {

    static final String PROCESS_TIME_HEADER = "X-Process-Time";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle);
        router.errorHandler(404, context -> fastApiError(context, 404, "Not Found"));
        router.errorHandler(413, context -> fastApiError(context, 413, "Request body too large"));
    }

    private void handle(RoutingContext context) {
        long startedAt = System.nanoTime();
        String requestId = RequestIds.acceptOrCreate(context.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        context.put(RequestIds.MDC_KEY, requestId);
        context.response().putHeader(RequestIds.HEADER, requestId);
        context.addHeadersEndHandler(ignored -> context.response().putHeader(PROCESS_TIME_HEADER,
                String.format(Locale.ROOT, "%.6f", (System.nanoTime() - startedAt) / 1e9)));
        context.next();
    }

    private static void fastApiError(RoutingContext context, int status, String detail) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encode(new ErrorResponse(detail)));
    }
}
