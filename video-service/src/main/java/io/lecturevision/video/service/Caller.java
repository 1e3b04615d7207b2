package io.lecturevision.video.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.UUID;

/** Who calls, as the token says: user id, corporation, and whether an admin. */
public record Caller(String userId, UUID corporationId, boolean admin) {

    public static Caller of(SecurityIdentity identity) {
        String user = Callers.userId(identity).orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        UUID corporation = Callers.corporationId(identity).orElseThrow(() ->
                ApiException.forbidden("Videos belong to corporations: this account is not a member of one"));
        return new Caller(user, corporation, identity.hasRole(Roles.ADMIN));
    }

    public void requireAdmin(String action) {
        if (!admin) {
            throw ApiException.forbidden("Only an admin of the corporation can " + action);
        }
    }
}
