package io.lecturevision.vision.rest;

import io.lecturevision.vision.service.StatusChange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides, poll by poll, what a photo's event stream sends: each new status, a heartbeat when
 * nothing was sent for {@code heartbeat} (so proxies and clients see the connection alive during
 * long jobs), and the end right after the final status. One per stream, fed in order.
 */
final class StatusStream {

    static final StatusChange HEARTBEAT = new StatusChange(null, -1, null, null);
    static final StatusChange END = new StatusChange(null, -2, null, null);

    private final Clock clock;
    private final Duration heartbeat;
    private StatusChange sent;
    private Instant sentAt;

    StatusStream(Clock clock, Duration heartbeat) {
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    List<StatusChange> next(StatusChange polled) {
        Instant now = clock.instant();
        if (!polled.equals(sent)) {
            sent = polled;
            sentAt = now;
            return polled.isFinal() ? List.of(polled, END) : List.of(polled);
        }
        if (!now.isBefore(sentAt.plus(heartbeat))) {
            sentAt = now;
            return List.of(HEARTBEAT);
        }
        return List.of();
    }
}
