package io.lecturevision.video.event;

import io.lecturevision.common.event.contract.PointsGranted;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

public final class VideoEvents {

    /** Published by auth-service; this service keeps a read model of plans from it. */
    public static final String CORPORATION_PLAN_CHANGED = "corporation.plan-changed";
    public static final String VIDEO_VIEWED = "video.viewed";
    public static final String POINTS_GRANTED = PointsGranted.TYPE;

    private VideoEvents() {
    }

    /** The fields of auth-service's event this service reads (others are ignored). */
    @RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record CorporationPlanChanged(UUID corporationId, String name, String planType, Instant planExpiredAt) {
    }

    @RegisterForReflection
    public record VideoViewed(long videoId, String userId, UUID corporationId, Instant viewedAt) {
    }
}
