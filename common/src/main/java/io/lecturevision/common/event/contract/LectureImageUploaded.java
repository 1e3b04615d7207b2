package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * {@code lecture-image.uploaded}, key: upload id. A classroom snapshot was stored; {@code imageUrl}
 * is a presigned GET valid for upload-service's {@code lv.upload.presigned-url-ttl}, so the
 * consumer needs no rights on the bucket.
 */
@RegisterForReflection
public record LectureImageUploaded(long uploadId, @NotNull String ownerId, @NotNull String bucket,
                                   @NotNull String objectKey, @NotNull String contentType, int width, int height,
                                   long sizeBytes, @NotNull String sha256, int peopleCount,
                                   @NotNull Instant uploadedAt, @NotNull String imageUrl) {
}
