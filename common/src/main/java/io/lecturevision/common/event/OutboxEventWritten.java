package io.lecturevision.common.event;

import java.util.UUID;

/** Fired inside the writing transaction; the relay observes it after a successful commit. */
public record OutboxEventWritten(UUID eventId) {
}
