package io.lecturevision.video.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.video.Video;
import io.lecturevision.video.ViewLog;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Bodies of video-service, in seed 001's snake_case. */
public final class VideoDtos {

    private VideoDtos() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VideoResponse(long id, String name, String filePath, String contentType, Long size, UUID corporationId,
                                boolean deleted, String status, Instant createdAt, Instant updatedAt) {
        static VideoResponse of(Video video, String location) {
            return new VideoResponse(video.id, video.name, location, video.contentType, video.sizeBytes,
                    video.corporationId, video.deleted, video.status, video.createdAt, video.updatedAt);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PresignRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String contentType,
                                 @Positive long size) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PresignResponse(VideoResponse video, URI uploadUrl, String uploadMethod, Instant expiresAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RenameRequest(@NotBlank @Size(max = 200) String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ViewLogResponse(long id, String userId, long videoId, Instant createdAt) {
        static ViewLogResponse of(ViewLog log) {
            return new ViewLogResponse(log.id, log.userId, log.videoId, log.createdAt);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PointsResponse(String userId, long points) {
    }

    /** A stream URL a browser's {@code <video>} can play: signed for the caller and this video until expires_at. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlaybackResponse(long videoId, String url, Instant expiresAt) {
    }
}
