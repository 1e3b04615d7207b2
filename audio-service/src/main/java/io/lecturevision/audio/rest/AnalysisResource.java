package io.lecturevision.audio.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.audio.AnalysisJob;
import io.lecturevision.audio.rest.AnalysisDtos.AnalysisResult;
import io.lecturevision.audio.rest.AnalysisDtos.UploadAccepted;
import io.lecturevision.audio.rest.AnalysisDtos.WebhookAnswer;
import io.lecturevision.audio.rest.AnalysisDtos.WebhookBody;
import io.lecturevision.audio.service.AudioUploads;
import io.lecturevision.audio.service.Caller;
import io.lecturevision.audio.service.JobService;
import io.lecturevision.audio.service.ProgressHub;
import io.lecturevision.audio.service.WebhookSignatures;
import io.lecturevision.common.error.RequestValidationException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;

/** Seed 004's analysis routes: upload a recording, follow its job, and the analysis server's webhook. */
@Path("/tokens")
@Tag(name = "analysis")
public class AnalysisResource {

    private final AudioUploads uploads;
    private final JobService jobs;
    private final ProgressHub hub;
    private final WebhookSignatures signatures;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public AnalysisResource(AudioUploads uploads, JobService jobs, ProgressHub hub, WebhookSignatures signatures,
                            ObjectMapper mapper, SecurityIdentity identity) {
        this.uploads = uploads;
        this.jobs = jobs;
        this.hub = hub;
        this.signatures = signatures;
        this.mapper = mapper;
        this.identity = identity;
    }

    @POST
    @Path("{token_id:\\d+}/upload-audio")
    @Authenticated
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Send a recording of the token's line for analysis (WAV, FLAC, MP3, OGG); answers at once with the job id")
    public UploadAccepted upload(@PathParam("token_id") long tokenId, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw RequestValidationException.of("body", "file", "Field required", "missing");
        }
        AnalysisJob job = uploads.submit(Caller.of(identity), tokenId, file.uploadedFile(), file.size());
        return new UploadAccepted(job.message, job.id.toString(), job.status);
    }

    @GET
    @Path("analysis-result/{job_id}")
    @Authenticated
    public AnalysisResult result(@PathParam("job_id") String jobId) {
        AnalysisJob job = jobs.find(Caller.of(identity), jobId);
        return new AnalysisResult(job.status, job.tokenId.toString(), job.progress, jobs.tree(job.result), job.message);
    }

    @GET
    @Path("analysis-progress/{job_id}")
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: every progress change (id = its number), replay after Last-Event-ID, ends with completed or failed")
    @Blocking
    public Multi<OutboundSseEvent> progress(@PathParam("job_id") String jobId,
                                            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse,
                                            @Context HttpServerResponse response) {
        AnalysisJob job = jobs.find(Caller.of(identity), jobId);
        int after = parseEventId(lastEventId);
        if (job.finished() && after >= job.lastEventSeq) {
            // The client has the final event: 204 tells an EventSource to stop reconnecting.
            throw new WebApplicationException(Response.noContent().build());
        }
        response.putHeader("Cache-Control", "no-cache");
        response.putHeader("X-Accel-Buffering", "no");
        return hub.subscribe(job.id, after, sse);
    }

    @POST
    @Path("webhook/analysis-complete")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The analysis server's signed callback with {analysis_results} (or {error}); idempotent")
    public Response webhook(@QueryParam("job_id") String jobId,
                            @HeaderParam(WebhookSignatures.TIMESTAMP_HEADER) String timestamp,
                            @HeaderParam(WebhookSignatures.SIGNATURE_HEADER) String signature, byte[] body) {
        signatures.verify(timestamp, signature, jobId == null ? "" : jobId, body);
        WebhookBody delivery;
        try {
            delivery = mapper.readValue(body, WebhookBody.class);
        } catch (IOException e) {
            throw RequestValidationException.of("body", "analysis_results", "Body must be JSON", "json_invalid");
        }
        boolean hasResults = delivery.analysisResults() != null && !delivery.analysisResults().isNull();
        if (!hasResults && (delivery.error() == null || delivery.error().isBlank())) {
            throw RequestValidationException.of("body", "analysis_results", "Field required", "missing");
        }
        JobService.WebhookOutcome outcome = jobs.applyWebhook(jobId, hasResults ? delivery.analysisResults() : null,
                hasResults ? null : delivery.error());
        return Response.ok(new WebhookAnswer(outcome == JobService.WebhookOutcome.APPLIED ? "Result recorded"
                : "Result already recorded")).build();
    }

    private static int parseEventId(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
