package io.lecturevision.vision.service;

import java.nio.file.Path;

/** One uploaded file as the REST layer received it (spooled to disk); the name is never used as a path. */
public record IncomingImage(Path file, long size) {
}
