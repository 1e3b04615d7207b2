package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * {@code lecture-image.uploaded}, published by upload-service when a snapshot is stored. {@code imageUrl}
 * is a presigned GET valid for upload-service's {@code lv.upload.presigned-url-ttl}, so the reader needs
 * no rights on upload-service's bucket.
 */
@RegisterForReflection
public record LectureImageUploaded(long uploadId, String ownerId, String bucket, String objectKey, String contentType,
                                   int width, int height, long sizeBytes, String sha256, int peopleCount,
                                   Instant uploadedAt, String imageUrl) {

    public static final String TYPE = "lecture-image.uploaded";
}
