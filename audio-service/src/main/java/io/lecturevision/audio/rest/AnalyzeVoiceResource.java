package io.lecturevision.audio.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.audio.config.AnalysisServerConfig;
import io.lecturevision.audio.service.VoiceAnalysisService;
import io.lecturevision.audio.service.WebhookSignatures;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.error.RequestValidationException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;

/**
 * The built-in analysis server (TARGET_SERVER_URL's contract): accepts a signed job, answers 202,
 * and calls the job's webhook, signed, when the analysis is done.
 */
@Path("/analyze-voice")
@Tag(name = "analysis server")
@PermitAll
public class AnalyzeVoiceResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record AnalyzeRequest(URI audioUrl, URI webhookUrl, String jobId, String text) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Accepted(String detail, String jobId) {
    }

    private final AnalysisServerConfig config;
    private final VoiceAnalysisService analyses;
    private final WebhookSignatures signatures;
    private final ObjectMapper mapper;

    public AnalyzeVoiceResource(AnalysisServerConfig config, VoiceAnalysisService analyses,
                                WebhookSignatures signatures, ObjectMapper mapper) {
        this.config = config;
        this.analyses = analyses;
        this.signatures = signatures;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse the recording at audio_url, then POST the signed result to webhook_url")
    public Response analyse(@HeaderParam(WebhookSignatures.TIMESTAMP_HEADER) String timestamp,
                            @HeaderParam(WebhookSignatures.SIGNATURE_HEADER) String signature, byte[] body) {
        if (!config.enabled()) {
            throw ApiException.notFound("Not Found");
        }
        signatures.verify(timestamp, signature, body);
        AnalyzeRequest request;
        try {
            request = mapper.readValue(body, AnalyzeRequest.class);
        } catch (IOException e) {
            throw RequestValidationException.of("body", "audio_url", "Body must be JSON", "json_invalid");
        }
        require(request.audioUrl(), "audio_url");
        require(request.webhookUrl(), "webhook_url");
        require(request.jobId(), "job_id");
        try {
            analyses.accept(new VoiceAnalysisService.Request(request.audioUrl(), request.webhookUrl(), request.jobId(),
                    request.text()));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "Too many analyses waiting; try again later", java.util.Map.of("Retry-After", "30"));
        }
        return Response.accepted(new Accepted("Analysis started", request.jobId())).build();
    }

    private static void require(Object value, String field) {
        if (value == null || value.toString().isBlank()) {
            throw RequestValidationException.of("body", field, "Field required", "missing");
        }
    }
}
