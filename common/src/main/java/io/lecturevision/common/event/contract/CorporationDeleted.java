package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code corporation.deleted}, key: corporation id. */
@RegisterForReflection
public record CorporationDeleted(@NotNull UUID corporationId) {
}
