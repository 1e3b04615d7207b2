package io.lecturevision.audio.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.audio.config.SelfUrls;
import io.lecturevision.audio.service.WebhookSignatures;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Asks the analysis server to analyse a recording. Each call is signed; it times out, is retried
 * with exponential backoff, and a circuit breaker stops calling a server that keeps failing (its
 * calls then fail at once with CircuitBreakerOpenException until the breaker half-opens again).
 * A 4xx answer is the request's fault and is not retried.
 */
@ApplicationScoped
public class AnalysisServer {

    @RegisterForReflection
    public record AnalysisRequest(@com.fasterxml.jackson.annotation.JsonProperty("audio_url") URI audioUrl,
                                  @com.fasterxml.jackson.annotation.JsonProperty("webhook_url") URI webhookUrl,
                                  @com.fasterxml.jackson.annotation.JsonProperty("job_id") String jobId,
                                  String text) {
    }

    private final SelfUrls urls;
    private final WebhookSignatures signatures;
    private final ObjectMapper mapper;
    private volatile AnalysisServerApi api;
    private volatile URI apiUri;

    public AnalysisServer(SelfUrls urls, WebhookSignatures signatures, ObjectMapper mapper) {
        this.urls = urls;
        this.signatures = signatures;
        this.mapper = mapper;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, jitter = 200, abortOn = AnalysisRejected.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    @CircuitBreakerName("analysis-server")
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = AnalysisRejected.class)
    public void submit(AnalysisRequest request) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        WebhookSignatures.Signed signed = signatures.sign(body);
        try (Response response = api().analyze(signed.timestamp(), signed.signature(), body)) {
            int status = response.getStatus();
            if (status >= 400 && status < 500) {
                throw new AnalysisRejected("The analysis server refused the job: HTTP " + status);
            }
            if (status >= 300) {
                throw new AnalysisUnavailable("The analysis server answered HTTP " + status);
            }
        } catch (jakarta.ws.rs.WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                throw new AnalysisRejected("The analysis server refused the job: HTTP " + status);
            }
            throw new AnalysisUnavailable("The analysis server answered HTTP " + status);
        }
    }

    private AnalysisServerApi api() {
        URI target = urls.analysisServer();
        if (api == null || !target.equals(apiUri)) {
            synchronized (this) {
                api = QuarkusRestClientBuilder.newBuilder().baseUri(target)
                        .connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                        .build(AnalysisServerApi.class);
                apiUri = target;
            }
        }
        return api;
    }

    /** The server answered 4xx: retrying the same request will not help. */
    public static class AnalysisRejected extends RuntimeException {
        public AnalysisRejected(String message) {
            super(message);
        }
    }

    /** The server answered 5xx (or 3xx): worth retrying. */
    public static class AnalysisUnavailable extends RuntimeException {
        public AnalysisUnavailable(String message) {
            super(message);
        }
    }
}
