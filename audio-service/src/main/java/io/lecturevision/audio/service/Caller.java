package io.lecturevision.audio.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.UUID;

/** Who calls, as the token says: the user and the corporation whose resources they may see. */
public record Caller(String userId, UUID corporationId) {

    public static Caller of(SecurityIdentity identity) {
        String user = Callers.userId(identity).orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        UUID corporation = Callers.corporationId(identity).orElseThrow(() ->
                ApiException.forbidden("Scripts, actors and tokens belong to corporations: this account is not a member of one"));
        return new Caller(user, corporation);
    }
}
