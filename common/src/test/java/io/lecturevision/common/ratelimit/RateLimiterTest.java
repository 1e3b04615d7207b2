package io.lecturevision.common.ratelimit;

import io.lecturevision.common.testing.ControlledClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final ControlledClock clock = new ControlledClock();
    private final RateLimiter limiter = new RateLimiter(clock);

    @BeforeEach
    void stopTime() {
        clock.freeze();
    }

    @Test
    void allowsTheCapacityThenRefusesWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1)).allowed());
        }
        RateLimiter.Decision refused = limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1));
        assertFalse(refused.allowed());
        assertEquals(12, refused.retryAfterSeconds(), "one token of 5/min comes back after 12 s");
    }

    @Test
    void refillsOverTheWindow() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofSeconds(11));
        assertFalse(limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1)).allowed());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1)).allowed());
    }

    @Test
    void keysAndNamesHaveSeparateBuckets() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1));
        }
        assertFalse(limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1)).allowed());
        assertTrue(limiter.tryAcquire("register", "ip:2", 5, Duration.ofMinutes(1)).allowed());
        assertTrue(limiter.tryAcquire("login", "ip:1", 5, Duration.ofMinutes(1)).allowed());
    }

    @Test
    void idleFullBucketsAreForgotten() {
        limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1));
        assertEquals(1, limiter.size());
        clock.advance(Duration.ofMinutes(11));
        limiter.dropFullBuckets();
        assertEquals(0, limiter.size());
    }
}
