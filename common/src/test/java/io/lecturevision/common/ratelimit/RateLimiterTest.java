package io.lecturevision.common.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(now::get);

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
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertFalse(limiter.tryAcquire("register", "ip:1", 5, Duration.ofMinutes(1)).allowed());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
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
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        limiter.dropFullBuckets();
        assertEquals(0, limiter.size());
    }
}
