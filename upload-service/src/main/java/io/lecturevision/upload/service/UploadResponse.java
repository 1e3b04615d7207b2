package io.lecturevision.upload.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.upload.Upload;

import java.time.Instant;

/** Seed 000's UploadResponse, plus the vision service's count of the same image. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UploadResponse(long id, String originalName, String storedName, String absPath, int peopleCount,
                             Instant uploadedAt, Integer detectedCount, String countStatus, String countModel) {

    public static UploadResponse of(Upload upload, String location) {
        return new UploadResponse(upload.id, upload.originalName, upload.storedName, location, upload.peopleCount,
                upload.uploadedAt, upload.detectedCount, upload.countStatus, upload.countModel);
    }
}
