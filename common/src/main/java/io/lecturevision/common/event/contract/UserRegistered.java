package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/**
 * {@code user.registered}, key: user id. A user was created (self-registration or by an admin).
 *
 * @param email         null for seed 002's username-only accounts
 * @param corporationId null for users outside any corporation
 */
@RegisterForReflection
public record UserRegistered(@NotNull UUID userId, String email, @NotNull String username, String name,
                             @NotNull String role, UUID corporationId) {
}
