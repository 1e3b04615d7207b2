package io.lecturevision.vision.service;

import java.util.UUID;

/** One status of a photo's job, numbered by {@code version} (the SSE event id). */
public record StatusChange(UUID id, int version, String status, String reason) {

    public boolean isFinal() {
        return "completed".equals(status) || "failed".equals(status);
    }
}
