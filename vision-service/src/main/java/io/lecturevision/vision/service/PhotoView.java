package io.lecturevision.vision.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lecturevision.vision.Photo;

import java.time.Instant;
import java.util.UUID;

/** Seed 002's photo fields, plus the model that ran, its timings and why a job failed. */
public record PhotoView(UUID id,
                        @JsonProperty("original_path") String originalPath,
                        @JsonProperty("upscaled_path") String upscaledPath,
                        String status,
                        double latitude,
                        double longitude,
                        @JsonProperty("created_at") Instant createdAt,
                        String model,
                        int scale,
                        Double sharpness,
                        @JsonProperty("failure_reason") String failureReason,
                        @JsonProperty("started_at") Instant startedAt,
                        @JsonProperty("completed_at") Instant completedAt,
                        @JsonProperty("inference_ms") Long inferenceMs) {

    public static PhotoView of(Photo photo) {
        return new PhotoView(photo.id, photo.originalKey, photo.upscaledKey, photo.status, photo.latitude,
                photo.longitude, photo.createdAt, photo.model, photo.scale, photo.sharpness, photo.failureReason,
                photo.startedAt, photo.completedAt, photo.inferenceMs);
    }
}
