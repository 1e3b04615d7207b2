package io.lecturevision.vision.rest;

/** The seeds' {@code /health} answer plus where TensorFlow runs the models. */
public record VisionHealth(String status, String version, String device) {
}
