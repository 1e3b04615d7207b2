package io.lecturevision.video.rest;

import io.lecturevision.common.security.Caller;
import io.lecturevision.common.security.Callers;
import io.lecturevision.video.rest.VideoDtos.PlaybackResponse;
import io.lecturevision.video.service.PlaybackSignatures;
import io.lecturevision.video.service.VideoService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Browsers play through a signed URL, since a {@code <video>} element cannot send a bearer header. */
@Path("/v1/videos/{video_id}/playback")
@Tag(name = "videos")
@Authenticated
public class PlaybackResource {

    private final VideoService videos;
    private final PlaybackSignatures signatures;
    private final SecurityIdentity identity;

    public PlaybackResource(VideoService videos, PlaybackSignatures signatures, SecurityIdentity identity) {
        this.videos = videos;
        this.signatures = signatures;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "A short-lived stream URL for this video and the caller, for <video src> (any member)")
    public PlaybackResponse playback(@PathParam("video_id") long id) {
        Caller caller = Callers.member(identity, VideoService.MEMBERS_ONLY);
        long videoId = videos.find(caller, id, false).id;
        PlaybackSignatures.Grant grant = signatures.sign(videoId, caller);
        String url = "/v1/videos/stream/" + videoId + "?" + StreamResource.SIGNATURE_PARAMETER + "="
                + URLEncoder.encode(grant.signature(), StandardCharsets.US_ASCII);
        return new PlaybackResponse(videoId, url, grant.expiresAt());
    }
}
