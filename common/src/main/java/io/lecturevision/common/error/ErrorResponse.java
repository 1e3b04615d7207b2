package io.lecturevision.common.error;

/** FastAPI's error body: {@code {"detail": "message"}}. */
public record ErrorResponse(String detail) {
}
