package io.lecturevision.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows real time until a test freezes it; then it moves only when the test
 * advances it. A module's tests make it the application's clock with a one-line subclass in its own
 * test sources: {@code @Singleton public class TestClock extends ControlledClock {}} (that bean
 * replaces common's default {@link Clock}). Tests that freeze it must {@link #release()} it.
 */
public class ControlledClock extends Clock {

    private volatile Instant frozenAt;

    /** Stops time at the current instant. */
    public synchronized Instant freeze() {
        frozenAt = Instant.now();
        return frozenAt;
    }

    /** Moves a frozen clock forward. */
    public synchronized void advance(Duration duration) {
        if (frozenAt == null) {
            throw new IllegalStateException("freeze() the clock before advancing it");
        }
        frozenAt = frozenAt.plus(duration);
    }

    /** Back to real time. */
    public synchronized void release() {
        frozenAt = null;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }
}
