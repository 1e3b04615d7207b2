package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code corporation.plan-changed}, key: corporation id. A corporation was created, or its plan
 * changed by an admin or by expiry. Consumers keep the latest by the event's {@code time}.
 *
 * @param planExpiredAt    null for a plan without an end
 * @param previousPlanType null when the corporation was just created
 */
@RegisterForReflection
public record CorporationPlanChanged(@NotNull UUID corporationId, String name, @NotNull Plan planType,
                                     Instant planExpiredAt, Plan previousPlanType, @NotNull Reason reason) {

    public enum Plan { FREE, PAID }

    public enum Reason {
        @JsonProperty("created") CREATED,
        /** by an admin */
        @JsonProperty("updated") UPDATED,
        /** by the plan-expiry job */
        @JsonProperty("expired") EXPIRED
    }
}
