package io.lecturevision.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** FastAPI's error body: {@code {"detail": "message"}}. */
@RegisterForReflection
public record ErrorResponse(String detail) {
}
