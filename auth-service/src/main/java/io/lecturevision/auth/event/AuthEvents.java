package io.lecturevision.auth.event;

import io.lecturevision.auth.PlanType;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** The events auth-service publishes (through the outbox); other services build read models from them. */
public final class AuthEvents {

    public static final String USER_REGISTERED = "user.registered";
    public static final String USER_DELETED = "user.deleted";
    public static final String CORPORATION_PLAN_CHANGED = "corporation.plan-changed";
    public static final String CORPORATION_DELETED = "corporation.deleted";

    private AuthEvents() {
    }

    @RegisterForReflection
    public record UserRegistered(UUID userId, String email, String username, String name, String role,
                                 UUID corporationId) {
    }

    @RegisterForReflection
    public record UserDeleted(UUID userId, UUID corporationId) {
    }

    /**
     * @param previousPlanType null when the corporation was just created
     * @param reason           {@code created}, {@code updated} (by an admin) or {@code expired} (by the job)
     */
    @RegisterForReflection
    public record CorporationPlanChanged(UUID corporationId, String name, PlanType planType, Instant planExpiredAt,
                                         PlanType previousPlanType, String reason) {
    }

    @RegisterForReflection
    public record CorporationDeleted(UUID corporationId) {
    }
}
