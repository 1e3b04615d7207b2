package io.lecturevision.vision.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** Seed 002's answer to {@code /upscale} ({@code score} only for {@code /bestcut}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Submitted(String message, UUID id, Double score, String model) {
}
