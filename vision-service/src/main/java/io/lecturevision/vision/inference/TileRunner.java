package io.lecturevision.vision.inference;

/** Upscales one tile: {@code height × width × 3} RGB values in [0, 255], row-major, in; the same, scaled, out. */
@FunctionalInterface
public interface TileRunner {

    float[] run(float[] rgb, int width, int height);
}
