package io.lecturevision.video.security;

import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.RefusedUploads;
import io.lecturevision.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may send a video through the service: an admin of a corporation. Applied to {@code /v1/videos} at
 * the HTTP route (application.properties; other methods pass on to the resource's own checks: a permission
 * restricted to POST would deny every other method of the path), before Quarkus REST reads the multipart body to disk, so a
 * caller who may not upload (or has no token) is answered 401/403 after the headers, not after 2 GB
 * (RefusedUploads: a large body is not read, a small one is).
 * The resource checks the same again (VideoService), for the answer's detail.
 */
@ApplicationScoped
public class VideoUploaderPolicy implements HttpSecurityPolicy {

    public static final String NAME = "video-uploader";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        if (request.request().method() != HttpMethod.POST) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.onFailure().invoke(refused -> RefusedUploads.afterRefusal(request)).chain(caller -> {
            if (!caller.isAnonymous() && caller.hasRole(Roles.ADMIN) && Callers.corporationId(caller).isPresent()) {
                return Uni.createFrom().item(CheckResult.PERMIT);
            }
            return RefusedUploads.beforeRefusing(request).replaceWith(CheckResult.DENY);
        });
    }

    @Override
    public String name() {
        return NAME;
    }
}
