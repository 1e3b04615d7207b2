package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.UUID;

/** {@code video.viewed}, key: video id. A user's first stream of a video. */
@RegisterForReflection
public record VideoViewed(long videoId, @NotNull String userId, @NotNull UUID corporationId,
                          @NotNull Instant viewedAt) {
}
