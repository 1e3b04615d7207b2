package io.lecturevision.common.ratelimit;

import io.lecturevision.common.testing.ControlledClock;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buckets in the test application's PostgreSQL (common_test), driven by a clock of this test's
 * own: two limiters over one database stand for two instances of a service.
 */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class RateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Inject
    DataSource dataSource;

    private final ControlledClock clock = new ControlledClock();
    private RateLimiter limiter;
    /** Rows outlive the application: each test run limits names of its own. */
    private final String register = "register-" + UUID.randomUUID();
    private final String login = "login-" + UUID.randomUUID();

    @BeforeEach
    void stopTime() {
        clock.freeze();
        limiter = new RateLimiter(clock, dataSource);
    }

    @Test
    void allowsTheCapacityThenRefusesWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision allowed = limiter.tryAcquire(register, "ip:1", 5, MINUTE);
            assertTrue(allowed.allowed());
            assertEquals(4 - i, allowed.remaining());
        }
        RateLimiter.Decision refused = limiter.tryAcquire(register, "ip:1", 5, MINUTE);
        assertFalse(refused.allowed());
        assertEquals(12, refused.retryAfterSeconds(), "one token of 5/min comes back after 12 s");
    }

    @Test
    void refillsOverTheWindow() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire(register, "ip:1", 5, MINUTE);
        }
        clock.advance(Duration.ofSeconds(11));
        RateLimiter.Decision refused = limiter.tryAcquire(register, "ip:1", 5, MINUTE);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire(register, "ip:1", 5, MINUTE).allowed());
        assertFalse(limiter.tryAcquire(register, "ip:1", 5, MINUTE).allowed());
    }

    @Test
    void keysAndNamesHaveSeparateBuckets() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire(register, "ip:1", 5, MINUTE);
        }
        assertFalse(limiter.tryAcquire(register, "ip:1", 5, MINUTE).allowed());
        assertTrue(limiter.tryAcquire(register, "ip:2", 5, MINUTE).allowed());
        assertTrue(limiter.tryAcquire(login, "ip:1", 5, MINUTE).allowed());
    }

    @Test
    void severalBucketsAreTakenFromInOneCallEachOnItsOwn() {
        RateLimiter.Bucket subject = new RateLimiter.Bucket(register + ":SUBJECT", "sub:a");
        RateLimiter.Bucket address = new RateLimiter.Bucket(register + ":CLIENT_IP", "ip:1");
        limiter.tryAcquire(address.name(), address.key(), 2, MINUTE);
        Map<RateLimiter.Bucket, RateLimiter.Decision> first = limiter.tryAcquire(List.of(subject, address), 2, MINUTE);
        assertEquals(Map.of(subject, new RateLimiter.Decision(true, 1, 0), address, new RateLimiter.Decision(true, 0, 0)), first);
        Map<RateLimiter.Bucket, RateLimiter.Decision> second = limiter.tryAcquire(List.of(subject, address), 2, MINUTE);
        assertEquals(Map.of(subject, new RateLimiter.Decision(true, 0, 0), address, new RateLimiter.Decision(false, 0, 30)), second);
    }

    @Test
    void twoInstancesShareOneBucket() {
        RateLimiter other = new RateLimiter(clock, dataSource);
        for (int i = 0; i < 6; i++) {
            assertTrue((i % 2 == 0 ? limiter : other).tryAcquire(register, "ip:1", 6, MINUTE).allowed());
        }
        assertFalse(limiter.tryAcquire(register, "ip:1", 6, MINUTE).allowed());
        assertFalse(other.tryAcquire(register, "ip:1", 6, MINUTE).allowed());
    }

    @Test
    void concurrentRequestsNeverTakeMoreThanTheCapacity() throws Exception {
        RateLimiter other = new RateLimiter(clock, dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> requests = java.util.stream.IntStream.range(0, 40)
                    .<Callable<Boolean>>mapToObj(i -> () -> (i % 2 == 0 ? limiter : other)
                            .tryAcquire(register, "ip:1", 25, MINUTE).allowed())
                    .toList();
            long allowed = 0;
            for (Future<Boolean> result : pool.invokeAll(requests)) {
                allowed += result.get() ? 1 : 0;
            }
            assertEquals(25, allowed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleFullBucketsAreDeletedAndOthersKept() {
        limiter.tryAcquire(register, "ip:idle", 5, MINUTE);
        limiter.tryAcquire(register, "ip:long-window", 5, Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(9));
        limiter.tryAcquire(register, "ip:recent", 5, MINUTE);
        clock.advance(Duration.ofMinutes(2));
        limiter.dropFullBuckets();
        assertEquals(List.of("ip:long-window", "ip:recent"), keys());
    }

    private List<String> keys() {
        List<String> keys = new java.util.ArrayList<>();
        for (String key : List.of("ip:idle", "ip:long-window", "ip:recent")) {
            if (Db.count(dataSource, "SELECT count(*) FROM rate_limit_bucket WHERE name = ? AND key = ?", register, key) == 1) {
                keys.add(key);
            }
        }
        return keys;
    }
}
