package io.lecturevision.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One entry of FastAPI's 422 body: where ({@code ["body","email"]}), what, and its kind. */
@RegisterForReflection
public record ValidationError(List<Object> loc, String msg, String type) {
}
