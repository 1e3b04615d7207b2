package io.lecturevision.auth.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.auth.Corporation;
import io.lecturevision.auth.PlanType;
import io.lecturevision.auth.User;
import io.lecturevision.auth.service.IssuedTokens;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies, in the seeds' snake_case. */
public final class Dtos {

    static final String PLAN_EXPIRY_FORMATS = "Date-time with zone (2030-12-31T18:00:00+09:00), without zone (UTC), "
            + "or a date alone (2030-12-31 = the end of that day, 23:59:59.999999 UTC)";

    private Dtos() {
    }

    /** Seed 003's registration. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EmailRegistration(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Password @Schema(description = "8 to 72 bytes (UTF-8)") String password,
            @NotBlank @Size(max = 100) String name) {
    }

    /** Seed 002's registration. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UsernameRegistration(
            @NotNull @Size(min = 3, max = 50) @Username String username,
            @NotNull @Password @Schema(description = "8 to 72 bytes (UTF-8)") String password) {
    }

    /** Seed 002's registration answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RegisteredUser(UUID id, String username, boolean isActive) {
        static RegisteredUser of(User user) {
            return new RegisteredUser(user.id, user.username, user.active);
        }
    }

    /** Seeds 001 and 003 log in with e-mail and password. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EmailLogin(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenResponse(String accessToken, String tokenType, String refreshToken, long expiresIn) {
        static TokenResponse of(IssuedTokens tokens) {
            return new TokenResponse(tokens.accessToken(), "bearer", tokens.refreshToken(), tokens.expiresInSeconds());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LogoutRequest(@Size(max = 200) String refreshToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserResponse(UUID id, String email, String username, String name, String role, UUID corporationId,
                               @Schema(description = "Seed 001's points, granted by video-service for first views")
                               long point,
                               boolean isActive, Instant createdAt, Instant updatedAt) {
        static UserResponse of(User user) {
            return new UserResponse(user.id, user.email, user.username, user.name, user.role, user.corporationId,
                    user.point, user.active, user.createdAt, user.updatedAt);
        }
    }

    /** An admin creates a user; role defaults to guest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserCreateRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(min = 3, max = 50) @Username String username,
            @Size(max = 100) String name,
            @NotNull @Password String password,
            @Pattern(regexp = "admin|guest|platform-admin") String role,
            UUID corporationId) {
    }

    /** Every field optional; role, corporation and is_active need an admin. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserUpdateRequest(
            @Email @Size(min = 3, max = 254) String email,
            @Size(min = 3, max = 50) @Username String username,
            @Size(max = 100) String name,
            @Password String password,
            @Pattern(regexp = "admin|guest|platform-admin") String role,
            UUID corporationId,
            Boolean isActive) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CorporationRequest(@NotBlank @Size(max = 200) String name, @NotNull PlanType planType,
                                     @JsonDeserialize(using = PlanExpiry.class) @Schema(implementation = String.class, description = PLAN_EXPIRY_FORMATS) Instant planExpiredAt) {
    }

    /** Every field optional; switching to FREE without an expiry clears plan_expired_at. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CorporationUpdateRequest(@Size(min = 1, max = 200) String name, PlanType planType,
                                           @JsonDeserialize(using = PlanExpiry.class) @Schema(implementation = String.class, description = PLAN_EXPIRY_FORMATS) Instant planExpiredAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CorporationResponse(UUID id, String name, PlanType planType, Instant planExpiredAt,
                                      Instant createdAt, Instant updatedAt) {
        static CorporationResponse of(Corporation corporation) {
            return new CorporationResponse(corporation.id, corporation.name, corporation.planType,
                    corporation.planExpiredAt, corporation.createdAt, corporation.updatedAt);
        }
    }

    public record Message(String message) {
    }
}
