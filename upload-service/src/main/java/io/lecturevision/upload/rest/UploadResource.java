package io.lecturevision.upload.rest;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Caller;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.upload.Upload;
import io.lecturevision.upload.service.IncomingUpload;
import io.lecturevision.upload.service.UploadOutcome;
import io.lecturevision.upload.service.UploadResponse;
import io.lecturevision.upload.service.UploadService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/** Seed 000: classroom snapshots with the camera's head count. */
@Path("/")
@Tag(name = "uploads")
@Authenticated
public class UploadResource {

    private static final Logger LOG = Logger.getLogger(UploadResource.class);

    private final UploadService uploads;
    private final ObjectStorage storage;
    private final SecurityIdentity identity;

    public UploadResource(UploadService uploads, ObjectStorage storage, SecurityIdentity identity) {
        this.uploads = uploads;
        this.storage = storage;
        this.identity = identity;
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(name = "upload", limit = 5, windowSeconds = 1, keys = {RateLimited.Key.SUBJECT, RateLimited.Key.CLIENT_IP})
    @Operation(summary = "Upload a JPEG/PNG (≤ 10 MB) with the camera's people_count; signed with X-Timestamp and "
            + "X-Signature = hex HMAC-SHA256(\"{X-Timestamp}.\" + file bytes); Idempotency-Key required")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("people_count") String peopleCount,
                           @RestHeader("X-Timestamp") String timestamp, @RestHeader("X-Signature") String signature,
                           @RestHeader("Idempotency-Key") String idempotencyKey,
                           @RestHeader("X-Client-Id") String clientId) {
        Caller caller = Callers.caller(identity);
        String owner = caller.userId();
        IncomingUpload request = new IncomingUpload(owner, caller.corporationId(), parseClientId(clientId), idempotencyKey, timestamp, signature,
                file == null ? null : file.uploadedFile(), file == null ? 0 : file.size(),
                file == null ? null : file.fileName(), peopleCount);
        try {
            UploadOutcome outcome = uploads.upload(request);
            Response.ResponseBuilder response = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                    .entity(outcome.body());
            if (outcome.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        } catch (RuntimeException e) {
            String status = e instanceof ApiException api ? Integer.toString(api.status()) : "error";
            LOG.warnf("Upload refused (%s: %s): owner=%s client=%s key=%s size=%d declared-type=%s name=%s people_count=%s",
                    status, e.getMessage(), owner, clientId, idempotencyKey, request.size(),
                    file == null ? null : file.contentType(), file == null ? null : file.fileName(), peopleCount);
            throw e;
        }
    }

    @GET
    @Path("uploads")
    @Operation(summary = "Uploads, newest first: the caller's own (its corporation's for an admin, all for a platform admin)")
    public List<UploadResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return uploads.list(Callers.caller(identity), skip, limit);
    }

    @GET
    @Path("uploads/{id}")
    public UploadResponse get(@PathParam("id") long id) {
        Upload upload = uploads.get(id, Callers.caller(identity));
        return UploadResponse.of(upload, uploads.location(upload));
    }

    @GET
    @Path("uploads/{id}/image")
    @Operation(summary = "The stored image, streamed (its owner or its corporation's admin)")
    public Response image(@PathParam("id") long id) {
        Upload upload = uploads.get(id, Callers.caller(identity));
        StreamingOutput body = output -> {
            try (InputStream in = storage.get(upload.objectKey, null)) {
                in.transferTo(output);
            }
        };
        return Response.ok(body, upload.contentType).header("Content-Length", upload.sizeBytes)
                .header("Content-Disposition", "inline; filename=\"" + upload.storedName + "\"").build();
    }

    private static UUID parseClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(clientId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("X-Client-Id is not a valid client id");
        }
    }
}
