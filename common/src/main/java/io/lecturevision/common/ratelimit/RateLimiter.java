package io.lecturevision.common.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per (limit name, key), in this instance's memory: {@code capacity} requests at
 * once, refilled evenly over {@code window}. Several instances each allow the full rate; the
 * limits here guard a service against a noisy caller, they are not billing quotas.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Takes one token from the bucket of {@code name} and {@code key}. */
    public Decision tryAcquire(String name, String key, int capacity, Duration window) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        double refillPerNano = capacity / (double) window.toNanos();
        Bucket bucket = buckets.computeIfAbsent(name + '\u0000' + key, k -> new Bucket(capacity, nowNanos()));
        return bucket.take(capacity, refillPerNano, nowNanos());
    }

    /** Forgets buckets that have refilled completely, so idle keys cost no memory. */
    @Scheduled(every = "1m", identity = "rate-limit-cleanup")
    void dropFullBuckets() {
        long now = nowNanos();
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > Duration.ofMinutes(10).toNanos());
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    int size() {
        return buckets.size();
    }

    public record Decision(boolean allowed, int remaining, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized Decision take(int capacity, double refillPerNano, long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * refillPerNano);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, (int) Math.floor(tokens), 0);
            }
            double nanosToNextToken = (1 - tokens) / refillPerNano;
            return new Decision(false, 0, Math.max(1, (long) Math.ceil(nanosToNextToken / 1e9)));
        }

        synchronized long idleSince(long now) {
            return now - updatedAt;
        }
    }
}
