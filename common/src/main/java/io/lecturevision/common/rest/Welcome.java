package io.lecturevision.common.rest;

/** Body of {@code GET /}. */
public record Welcome(String message, String service, String version, String docs) {
}
