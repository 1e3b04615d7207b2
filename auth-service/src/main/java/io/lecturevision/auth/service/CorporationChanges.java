package io.lecturevision.auth.service;

import io.lecturevision.auth.PlanType;

import java.time.Instant;
import java.util.Optional;

/** A partial update of a corporation; {@code clearExpiry} removes plan_expired_at. */
public record CorporationChanges(Optional<String> name, Optional<PlanType> planType, Optional<Instant> planExpiredAt,
                                 boolean clearExpiry) {
}
