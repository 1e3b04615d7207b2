package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

/** {@code points.granted}, key: user id. Points for a first view, and the user's new total. */
@RegisterForReflection
public record PointsGranted(@NotNull String userId, long videoId, int points, long total) {
}
