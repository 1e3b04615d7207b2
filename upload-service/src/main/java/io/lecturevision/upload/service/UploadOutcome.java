package io.lecturevision.upload.service;

/** The JSON to answer with; {@code replayed} when it is the stored answer to an earlier identical request. */
public record UploadOutcome(int status, String body, boolean replayed) {
}
