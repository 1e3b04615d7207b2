package io.lecturevision.vision.rest;

import io.lecturevision.vision.service.StatusChange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusStreamTest {

    private static final UUID PHOTO = UUID.randomUUID();
    private static final StatusChange QUEUED = new StatusChange(PHOTO, 1, "queued", null);
    private static final StatusChange PROCESSING = new StatusChange(PHOTO, 2, "processing", null);
    private static final StatusChange COMPLETED = new StatusChange(PHOTO, 3, "completed", null);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StatusStream stream = new StatusStream(clock, Duration.ofSeconds(15));

    @Test
    void sendsEachNewStatusOnceAndAHeartbeatWhenNothingWasSentForTheInterval() {
        assertEquals(List.of(QUEUED), stream.next(QUEUED));
        clock.advance(Duration.ofSeconds(14));
        assertEquals(List.of(), stream.next(QUEUED), "nothing new, heartbeat not due yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(StatusStream.HEARTBEAT), stream.next(QUEUED));
        clock.advance(Duration.ofSeconds(14));
        assertEquals(List.of(), stream.next(QUEUED), "the interval restarts after each heartbeat");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(StatusStream.HEARTBEAT), stream.next(QUEUED));
    }

    @Test
    void aStatusChangeRestartsTheHeartbeatIntervalAndTheFinalStatusEndsTheStream() {
        assertEquals(List.of(QUEUED), stream.next(QUEUED));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(PROCESSING), stream.next(PROCESSING));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), stream.next(PROCESSING), "15 s since the last status, not since the first");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(StatusStream.HEARTBEAT), stream.next(PROCESSING));
        assertEquals(List.of(COMPLETED, StatusStream.END), stream.next(COMPLETED));
    }
}
