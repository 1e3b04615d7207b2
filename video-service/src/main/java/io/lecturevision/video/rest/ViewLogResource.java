package io.lecturevision.video.rest;

import io.lecturevision.common.error.RequestValidationException;
import io.lecturevision.common.error.StorableStrings;
import io.lecturevision.common.security.Callers;
import io.lecturevision.video.rest.VideoDtos.PointsResponse;
import io.lecturevision.video.rest.VideoDtos.ViewLogResponse;
import io.lecturevision.video.service.VideoService;
import io.lecturevision.video.service.ViewService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Seed 001's view logs and points. */
@Path("/v1")
@Tag(name = "points")
@Authenticated
public class ViewLogResource {

    private final ViewService views;
    private final SecurityIdentity identity;

    public ViewLogResource(ViewService views, SecurityIdentity identity) {
        this.views = views;
        this.identity = identity;
    }

    @GET
    @Path("view-logs")
    @Operation(summary = "View logs: the caller's own; the whole corporation's for its admins")
    public List<ViewLogResponse> viewLogs(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                          @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return views.viewLogs(Callers.member(identity, VideoService.MEMBERS_ONLY), skip, limit).stream().map(ViewLogResponse::of).toList();
    }

    @GET
    @Path("points/me")
    public PointsResponse myPoints() {
        String user = Callers.userId(identity).orElseThrow();
        return new PointsResponse(user, views.points(user));
    }

    @GET
    @Path("points/users/{user_id}")
    @Operation(summary = "A user's points: the user itself, an admin of a corporation the user watched videos of, or a platform admin")
    public PointsResponse userPoints(@PathParam("user_id") String userId) {
        StorableStrings.requireStorable("path", "user_id", userId);
        if (userId.length() > 100) {
            throw RequestValidationException.of("path", "user_id", "String should have at most 100 characters", "string_too_long");
        }
        return new PointsResponse(userId, views.pointsOf(Callers.caller(identity), userId));
    }
}
