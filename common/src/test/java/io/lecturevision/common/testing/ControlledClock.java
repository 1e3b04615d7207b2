package io.lecturevision.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows real time until a test freezes it; then it moves only when the test
 * advances it. Advanced without being frozen, it runs on from a later instant. A module's tests make it the application's clock with a one-line subclass in its own
 * test sources: {@code @Singleton public class TestClock extends ControlledClock {}} (that bean
 * replaces common's default {@link Clock}). Tests that freeze it must {@link #release()} it.
 */
public class ControlledClock extends Clock {

    private volatile Instant frozenAt;
    private volatile Duration offset = Duration.ZERO;

    /** Stops time at the current instant. */
    public synchronized Instant freeze() {
        frozenAt = Instant.now().plus(offset);
        return frozenAt;
    }

    /** Moves the clock forward: a frozen one stays frozen there, a running one runs on from there. */
    public synchronized void advance(Duration duration) {
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    /** Back to real time. */
    public synchronized void release() {
        frozenAt = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
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
