package io.lecturevision.video.rest;

import io.lecturevision.common.error.RequestValidationException;
import io.lecturevision.common.error.StorableStrings;
import io.lecturevision.common.security.Caller;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.storage.ClientFileNames;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.video.Video;
import io.lecturevision.video.rest.VideoDtos.PresignRequest;
import io.lecturevision.video.rest.VideoDtos.PresignResponse;
import io.lecturevision.video.rest.VideoDtos.RenameRequest;
import io.lecturevision.video.rest.VideoDtos.VideoResponse;
import io.lecturevision.video.service.VideoService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/** Seed 001's videos, scoped to the caller's corporation (its admins manage, its members watch). */
@Path("/v1/videos")
@Tag(name = "videos")
@Authenticated
public class VideoResource {

    private final VideoService videos;
    private final ObjectStorage storage;
    private final SecurityIdentity identity;

    public VideoResource(VideoService videos, ObjectStorage storage, SecurityIdentity identity) {
        this.videos = videos;
        this.storage = storage;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a video (multipart file, optional name); streamed to S3 from disk, never held in memory")
    public Response create(@RestForm("file") FileUpload file, @RestForm("name") String name) {
        if (file == null) {
            throw RequestValidationException.of("body", "file", "Field required", "missing");
        }
        StorableStrings.requireStorable("body", "name", name);
        String title = name != null && !name.isBlank() ? name : baseName(file.fileName());
        if (title.length() > 200) {
            throw RequestValidationException.of("body", "name", "String should have at most 200 characters", "string_too_long");
        }
        Video video = videos.createFromFile(Callers.member(identity, VideoService.MEMBERS_ONLY), title, file.uploadedFile(), file.size());
        return Response.status(201).entity(view(video)).build();
    }

    @POST
    @Path("presigned")
    @Operation(summary = "Start a large upload: a pending video and a presigned PUT URL; then POST /{id}/complete")
    public Response presign(@Valid @NotNull PresignRequest body) {
        VideoService.PresignedUpload upload = videos.createPresigned(Callers.member(identity, VideoService.MEMBERS_ONLY), body.name(), body.contentType(),
                body.size());
        return Response.status(201).entity(new PresignResponse(view(upload.video()), upload.uploadUrl(), "PUT",
                upload.expiresAt())).build();
    }

    @POST
    @Path("{video_id}/complete")
    @Operation(summary = "Finish a presigned upload: the object is checked to be a video, then listed")
    public VideoResponse complete(@PathParam("video_id") long id) {
        return view(videos.completePresigned(Callers.member(identity, VideoService.MEMBERS_ONLY), id));
    }

    @GET
    @Operation(summary = "The corporation's videos, newest first (deleted ones hidden)")
    public List<VideoResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return videos.list(Callers.member(identity, VideoService.MEMBERS_ONLY), skip, limit).stream().map(this::view).toList();
    }

    @GET
    @Path("{video_id}")
    public VideoResponse get(@PathParam("video_id") long id) {
        return view(videos.find(Callers.member(identity, VideoService.MEMBERS_ONLY), id, false));
    }

    @PUT
    @Path("{video_id}")
    public VideoResponse rename(@PathParam("video_id") long id, @Valid @NotNull RenameRequest body) {
        return view(videos.rename(Callers.member(identity, VideoService.MEMBERS_ONLY), id, body.name()));
    }

    @PATCH
    @Path("{video_id}")
    public VideoResponse patch(@PathParam("video_id") long id, @Valid @NotNull RenameRequest body) {
        return rename(id, body);
    }

    @DELETE
    @Path("{video_id}")
    @Operation(summary = "Soft delete: hidden from lists and streams; a PAID plan can restore it")
    public Response delete(@PathParam("video_id") long id) {
        videos.softDelete(Callers.member(identity, VideoService.MEMBERS_ONLY), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{video_id}/restore")
    @Operation(summary = "Restore a soft-deleted video: only on a PAID plan that has not expired (403 says why)")
    public VideoResponse restore(@PathParam("video_id") long id) {
        return view(videos.restore(Callers.member(identity, VideoService.MEMBERS_ONLY), id));
    }

    private VideoResponse view(Video video) {
        return VideoResponse.of(video, storage.location(video.objectKey));
    }

    /** The client's file name without its extension, as a default title. */
    private static String baseName(String fileName) {
        String name = ClientFileNames.forDisplay(fileName, "video", 200);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
