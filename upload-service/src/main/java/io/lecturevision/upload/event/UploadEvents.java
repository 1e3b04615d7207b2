package io.lecturevision.upload.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

public final class UploadEvents {

    /** Published by upload-service when a snapshot is stored. */
    public static final String LECTURE_IMAGE_UPLOADED = "lecture-image.uploaded";
    /** Published by vision-service with its own head count. */
    public static final String PEOPLE_COUNTED = "people.counted";

    private UploadEvents() {
    }

    /**
     * What the vision service needs to fetch and count the image: where it is, and a presigned URL
     * valid for {@code lv.upload.presigned-url-ttl} so it needs no rights on this service's bucket.
     */
    @RegisterForReflection
    public record LectureImageUploaded(long uploadId, String ownerId, String bucket, String objectKey,
                                       String contentType, int width, int height, long sizeBytes, String sha256,
                                       int peopleCount, Instant uploadedAt, String imageUrl) {
    }

    /** {@code status}: done (with detectedCount) or failed. */
    @RegisterForReflection
    public record PeopleCounted(long uploadId, Integer detectedCount, String status, String model, String error) {
    }
}
