package io.lecturevision.common.error;

import java.util.List;

/** FastAPI's 422 body: {@code {"detail":[{"loc":[...],"msg":"...","type":"..."}]}}. */
public record ValidationErrorResponse(List<ValidationError> detail) {
}
