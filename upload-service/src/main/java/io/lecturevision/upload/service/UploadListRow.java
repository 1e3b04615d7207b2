package io.lecturevision.upload.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** The columns of an upload that a listing shows (Panache projects them by these parameter names). */
@RegisterForReflection
public record UploadListRow(long id, String originalName, String storedName, String objectKey, int peopleCount,
                            Instant uploadedAt, Integer detectedCount, String countStatus, String countModel) {

    UploadResponse response(String location) {
        return new UploadResponse(id, originalName, storedName, location, peopleCount, uploadedAt, detectedCount,
                countStatus, countModel);
    }
}
