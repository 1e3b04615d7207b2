package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code points.granted}, produced by video-service on a user's first view of a video (key = user
 * id): {@code points} were added and {@code total} is the user's running total after them.
 * auth-service shows the total on its users.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PointsGranted(String userId, long videoId, int points, long total) {

    public static final String TYPE = "points.granted";
}
