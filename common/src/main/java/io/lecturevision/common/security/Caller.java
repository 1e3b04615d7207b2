package io.lecturevision.common.security;

import io.lecturevision.common.error.ApiException;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling, as the access token says.
 *
 * @param userId        the token's subject
 * @param corporationId the caller's corporation; null for a user who belongs to none
 * @param admin         administers its own corporation
 * @param platformAdmin administers every corporation
 */
public record Caller(String userId, UUID corporationId, boolean admin, boolean platformAdmin) {

    /** Whether a resource of {@code corporation} (null: of no corporation) is inside the caller's corporation. */
    public boolean sameCorporation(UUID corporation) {
        return Objects.equals(corporationId, corporation);
    }

    /** A resource owned by {@code ownerId} in {@code corporation}: its owner or the corporation's admin may use it. */
    public boolean mayUse(String ownerId, UUID corporation) {
        return platformAdmin || (sameCorporation(corporation) && (admin || userId.equals(ownerId)));
    }

    /** 403 unless the caller administers its corporation. */
    public void requireAdmin(String action) {
        if (!admin) {
            throw ApiException.forbidden("Only an admin of the corporation can " + action);
        }
    }
}
