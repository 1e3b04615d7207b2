package io.lecturevision.common.rest;

/** Body of {@code GET /health} (seeds 002, 003). */
public record ServiceInfo(String status, String version) {
}
