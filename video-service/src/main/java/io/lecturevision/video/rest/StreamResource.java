package io.lecturevision.video.rest;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Caller;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.storage.ByteRange;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.video.Video;
import io.lecturevision.video.service.PlaybackSignatures;
import io.lecturevision.video.service.RangeHeader;
import io.lecturevision.video.service.RecordedViews;
import io.lecturevision.video.service.VideoService;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001's streaming through the service, so that views are counted server-side: Range (206),
 * HEAD, ETag / If-None-Match; the body is copied from S3 in chunks, so memory does not grow with
 * the file.
 */
@Path("/v1/videos/stream/{video_id}")
@Tag(name = "videos")
public class StreamResource {

    /** The query parameter that carries a playback signature (see PlaybackResource). */
    static final String SIGNATURE_PARAMETER = "signature";

    private final VideoService videos;
    private final RecordedViews views;
    private final ObjectStorage storage;
    private final PlaybackSignatures signatures;
    private final SecurityIdentity identity;

    public StreamResource(VideoService videos, RecordedViews views, ObjectStorage storage, PlaybackSignatures signatures,
                          SecurityIdentity identity) {
        this.videos = videos;
        this.views = views;
        this.storage = storage;
        this.signatures = signatures;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Stream a video (Range supported) with a bearer token or a playback signature; "
            + "the first stream by a user grants points once")
    public Response stream(@PathParam("video_id") long id, @QueryParam(SIGNATURE_PARAMETER) String signature,
                           @HeaderParam("Range") String range, @HeaderParam("If-None-Match") String ifNoneMatch,
                           @Context HttpServerResponse response) {
        Caller caller = caller(id, signature);
        Video video = videos.find(caller, id, false);
        Response.ResponseBuilder answer = answer(video, range, ifNoneMatch, response);
        Response built = answer.build();
        if (built.getStatus() == 200 || built.getStatus() == 206) {
            views.record(caller.userId(), video);
        }
        return built;
    }

    @HEAD
    public Response head(@PathParam("video_id") long id, @QueryParam(SIGNATURE_PARAMETER) String signature,
                         @HeaderParam("Range") String range, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Video video = videos.find(caller(id, signature), id, false);
        return answer(video, range, ifNoneMatch, null).build();
    }

    /** A playback signature names the member it was issued to; without one, the bearer token must. */
    private Caller caller(long videoId, String signature) {
        if (signature != null) {
            return signatures.verify(videoId, signature);
        }
        if (identity.isAnonymous()) {
            throw ApiException.unauthorized("Not authenticated");
        }
        return Callers.member(identity, VideoService.MEMBERS_ONLY);
    }

    /** The answer's status and headers; with a body streamed to {@code bodyTo} unless it is null (HEAD). */
    private Response.ResponseBuilder answer(Video video, String rangeHeader, String ifNoneMatch, HttpServerResponse bodyTo) {
        long size = video.sizeBytes;
        String etag = etag(video);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).header("Accept-Ranges", "bytes");
        }
        Optional<ByteRange> range;
        try {
            range = RangeHeader.parse(rangeHeader, size);
        } catch (RangeHeader.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes")
                    .type("application/json").entity("{\"detail\":\"Requested range not satisfiable\"}");
        }
        long length = range.map(ByteRange::length).orElse(size);
        int status = range.isPresent() ? 206 : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", video.contentType);
        headers.put("Accept-Ranges", "bytes");
        headers.put("ETag", etag);
        headers.put("Content-Length", Long.toString(length));
        range.ifPresent(r -> headers.put("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        Response.ResponseBuilder builder = Response.status(status);
        if (bodyTo == null) {
            headers.forEach(builder::header);
            return builder;
        }
        // The copy writes to the connection itself, so it sends the status line and all headers.
        // Quarkus REST also writes the builder's headers when its (unused) output stream closes,
        // adding to ours: only Content-Type and Content-Length, which it replaces rather than adds,
        // may be given to it, or a player sees Accept-Ranges, ETag and Content-Range twice.
        builder.header("Content-Type", headers.get("Content-Type")).header("Content-Length", headers.get("Content-Length"));
        ByteRange wanted = range.orElse(null);
        StreamingOutput body = output -> {
            bodyTo.setStatusCode(status);
            headers.forEach(bodyTo::putHeader);
            try (InputStream in = storage.get(video.objectKey, wanted)) {
                BackpressuredCopy.copy(in, bodyTo);
            }
        };
        builder.entity(body);
        return builder;
    }

    private static String etag(Video video) {
        if (video.etag != null && !video.etag.isBlank()) {
            return video.etag.startsWith("\"") ? video.etag : "\"" + video.etag + "\"";
        }
        return "\"v" + video.id + "-" + video.sizeBytes + "\"";
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
