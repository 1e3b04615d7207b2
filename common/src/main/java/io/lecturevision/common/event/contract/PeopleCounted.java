package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code people.counted}, published by vision-service for each {@link LectureImageUploaded}: {@code status}
 * {@code done} with {@code detectedCount}, or {@code failed} with {@code error}; {@code model} names the
 * detector and {@code durationMs} the time the count took.
 */
@RegisterForReflection
public record PeopleCounted(long uploadId, Integer detectedCount, String status, String model, Long durationMs,
                            String error) {

    public static final String TYPE = "people.counted";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
