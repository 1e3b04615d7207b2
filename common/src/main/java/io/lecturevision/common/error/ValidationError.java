package io.lecturevision.common.error;

import java.util.List;

/** One entry of FastAPI's 422 body: where ({@code ["body","email"]}), what, and its kind. */
public record ValidationError(List<Object> loc, String msg, String type) {
}
