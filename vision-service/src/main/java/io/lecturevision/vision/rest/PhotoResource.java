package io.lecturevision.vision.rest;

import io.lecturevision.common.error.StorableStrings;
import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.service.IncomingImage;
import io.lecturevision.vision.service.PhotoService;
import io.lecturevision.vision.service.PhotoView;
import io.lecturevision.vision.service.StatusChange;
import io.lecturevision.vision.service.Submitted;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Seed 002: upscaling and best cuts of the caller's own photos. */
@Path("/")
@Tag(name = "photos")
@Authenticated
public class PhotoResource {

    private static final Duration STATUS_POLL = Duration.ofMillis(500);

    private final PhotoService photos;
    private final ObjectStorage storage;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final Duration heartbeat;

    public PhotoResource(PhotoService photos, ObjectStorage storage, SecurityIdentity identity, Clock clock,
                         VisionConfig config) {
        this.photos = photos;
        this.storage = storage;
        this.identity = identity;
        this.clock = clock;
        this.heartbeat = config.events().heartbeat();
    }

    @POST
    @Path("upscale")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(name = "upscale", limit = 10, windowSeconds = 60, keys = RateLimited.Key.SUBJECT)
    @Operation(summary = "Store a JPEG/PNG and upscale it in the background (model: slim, medium, thick or bicubic)")
    public Submitted upscale(@RestForm("file") FileUpload file, @RestForm("lat") String lat,
                             @RestForm("lng") String lng, @RestForm("model") String model) {
        requireStorable(lat, lng, model);
        return photos.upscale(caller(), file == null ? null : incoming(file), lat, lng, model);
    }

    @POST
    @Path("bestcut")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(name = "upscale", limit = 10, windowSeconds = 60, keys = RateLimited.Key.SUBJECT)
    @Operation(summary = "Keep the sharpest of several photos (variance of the Laplacian), then upscale it")
    public Submitted bestCut(@RestForm("files") List<FileUpload> files, @RestForm("files[]") List<FileUpload> bracketed,
                             @RestForm("lat") String lat, @RestForm("lng") String lng,
                             @RestForm("model") String model) {
        requireStorable(lat, lng, model);
        List<IncomingImage> all = new ArrayList<>();
        for (List<FileUpload> part : List.of(files, bracketed)) {
            if (part != null) {
                part.forEach(upload -> all.add(incoming(upload)));
            }
        }
        return photos.bestCut(caller(), all, lat, lng, model);
    }

    private static void requireStorable(String lat, String lng, String model) {
        StorableStrings.requireStorable("body", "lat", lat);
        StorableStrings.requireStorable("body", "lng", lng);
        StorableStrings.requireStorable("body", "model", model);
    }

    @GET
    @Path("photos")
    @Operation(summary = "The caller's photos, newest first")
    public List<PhotoView> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return photos.list(caller(), skip, limit).stream().map(PhotoView::of).toList();
    }

    @GET
    @Path("photos/{id}")
    @Operation(summary = "The upscaled (default) or original image")
    public Response image(@PathParam("id") UUID id, @QueryParam("type") String type) {
        PhotoService.StoredImage image = photos.image(id, caller(), type);
        StreamingOutput body = output -> {
            try (InputStream in = storage.get(image.key(), null)) {
                in.transferTo(output);
            }
        };
        return Response.ok(body, image.contentType()).build();
    }

    @DELETE
    @Path("photos/{id}")
    public Map<String, String> delete(@PathParam("id") UUID id) {
        photos.delete(id, caller());
        return Map.of("message", "Deleted successfully");
    }

    @GET
    @Path("photos/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Blocking
    @Operation(summary = "Server-Sent Events of the photo's status changes, with a heartbeat comment while "
            + "nothing changes; the stream ends after completed or failed")
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @Context Sse sse) {
        PhotoService.Caller caller = caller();
        StatusChange first = photos.status(id, caller);
        StatusStream stream = new StatusStream(clock, heartbeat);
        return Multi.createFrom().ticks().every(STATUS_POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> photos.status(id, caller))
                .plug(changes -> Multi.createBy().concatenating().streams(Multi.createFrom().item(first), changes))
                .onItem().transformToIterable(stream::next)
                .select().first(change -> change != StatusStream.END)
                .map(change -> change == StatusStream.HEARTBEAT
                        ? sse.newEventBuilder().comment("heartbeat").build()
                        : sse.newEventBuilder().id(Integer.toString(change.version())).name("status")
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(change).build());
    }

    private PhotoService.Caller caller() {
        return new PhotoService.Caller(Callers.userId(identity).orElseThrow(), Callers.corporationId(identity).orElse(null));
    }

    private static IncomingImage incoming(FileUpload upload) {
        return new IncomingImage(upload.uploadedFile(), upload.size());
    }
}
