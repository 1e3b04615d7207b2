package io.lecturevision.video.security;

import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may send a video through the service: an admin of a corporation. Applied to {@code /v1/videos} at
 * the HTTP route (application.properties; other methods pass on to the resource's own checks: a permission
 * restricted to POST would deny every other method of the path), before Quarkus REST reads the multipart body to disk, so a
 * caller who may not upload (or has no token) is answered 401/403 after the headers, not after 2 GB, and
 * the connection is closed rather than the rest of the body read.
 * The resource checks the same again (VideoService), for the answer's detail.
 */
@ApplicationScoped
public class VideoUploaderPolicy implements HttpSecurityPolicy {

    public static final String NAME = "video-uploader";
    /** Bodies announced under this size are read to their end after a refusal instead of closing the connection. */
    private static final long DRAINED_BELOW = 1024 * 1024;

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        if (request.request().method() != HttpMethod.POST) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.onFailure().invoke(refused -> closeAfterAnswer(request)).map(caller -> {
            if (!caller.isAnonymous() && caller.hasRole(Roles.ADMIN) && Callers.corporationId(caller).isPresent()) {
                return CheckResult.PERMIT;
            }
            closeAfterAnswer(request);
            return CheckResult.DENY;
        });
    }

    /**
     * A large unread body is not drained: an HTTP/1.1 connection ends with the refusal. When the refusal was
     * already written (a token refused while being authenticated is answered 401 before the policy hears of it),
     * the connection is closed once it is out. A body announced under {@link #DRAINED_BELOW} is read and dropped
     * as usual, so that an ordinary client still sending it gets the answer rather than a reset connection.
     */
    private static void closeAfterAnswer(RoutingContext request) {
        if (request.request().isEnded() || request.request().version() == HttpVersion.HTTP_2 || smallBody(request)) {
            return;
        }
        HttpServerResponse response = request.response();
        if (response.ended()) {
            request.request().connection().close();
            return;
        }
        if (!response.headWritten()) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.bodyEndHandler(ended -> request.request().connection().close());
    }

    private static boolean smallBody(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) < DRAINED_BELOW;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return NAME;
    }
}
