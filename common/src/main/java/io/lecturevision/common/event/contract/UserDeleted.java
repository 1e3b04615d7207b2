package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code user.deleted}, key: user id. */
@RegisterForReflection
public record UserDeleted(@NotNull UUID userId, UUID corporationId) {
}
