package io.lecturevision.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** FastAPI's 422 body: {@code {"detail":[{"loc":[...],"msg":"...","type":"..."}]}}. */
@RegisterForReflection
public record ValidationErrorResponse(List<ValidationError> detail) {
}
