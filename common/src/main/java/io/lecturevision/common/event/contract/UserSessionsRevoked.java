package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code user.sessions-revoked}, key: user id. Every access token of the user issued before
 * {@code notBefore} is void (its {@code iat}, in whole seconds, is compared with this instant's second),
 * and the user's refresh tokens were revoked in the same transaction.
 */
@RegisterForReflection
public record UserSessionsRevoked(@NotNull UUID userId, @NotNull Instant notBefore, @NotNull Reason reason) {

    public enum Reason {
        /** by the user; the session that changed it keeps its refresh token */
        @JsonProperty("password-changed") PASSWORD_CHANGED,
        /** by an admin */
        @JsonProperty("password-reset") PASSWORD_RESET,
        @JsonProperty("deactivated") DEACTIVATED,
        @JsonProperty("deleted") DELETED,
        @JsonProperty("role-changed") ROLE_CHANGED,
        @JsonProperty("corporation-changed") CORPORATION_CHANGED,
        /** the user's corporation was deleted: the user is deactivated */
        @JsonProperty("corporation-deleted") CORPORATION_DELETED,
        @JsonProperty("logged-out-everywhere") LOGGED_OUT_EVERYWHERE
    }
}
