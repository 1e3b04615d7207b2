package io.lecturevision.common.ratelimit;

import io.lecturevision.common.error.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per (limit name, key) in the service's own PostgreSQL table {@code rate_limit_bucket},
 * so every instance of a service draws from the same buckets: {@code capacity} requests at once,
 * refilled evenly over {@code window}. One request is one upsert that refills, takes a token and
 * reports the outcome atomically; "now" is the injected {@link Clock}. If the database cannot be
 * asked, the request is refused with 503 (fail closed): see the README's Security / Limits.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** Tokens the bucket holds after refilling up to {@code now} (EXCLUDED carries this request's values). */
    private static final String REFILLED = "least(excluded.capacity, b.tokens + greatest(0, extract(epoch from excluded.updated_at - b.updated_at))::float8"
            + " * excluded.capacity / excluded.window_seconds)";

    /** Row sets of 1 and 2 buckets are what the annotations use; others are built on demand. */
    private static final Map<Integer, String> TAKE_STATEMENTS = new ConcurrentHashMap<>();

    private final Clock clock;
    private final DataSource dataSource;
    /** Whether this instance limited a request: only services that limit have the table to clean. */
    private volatile boolean used;

    @Inject
    public RateLimiter(Clock clock, DataSource dataSource) {
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** Takes one token from the bucket of {@code name} and {@code key}. */
    public Decision tryAcquire(String name, String key, int capacity, Duration window) {
        return tryAcquire(List.of(new Bucket(name, key)), capacity, window).get(new Bucket(name, key));
    }

    /**
     * Takes one token from each bucket, in one statement. Each bucket is limited on its own: a
     * request refused by one of them still used a token of the others that had one.
     */
    public Map<Bucket, Decision> tryAcquire(List<Bucket> buckets, int capacity, Duration window) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        long windowSeconds = window.toSeconds();
        if (windowSeconds <= 0 || windowSeconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window must be whole seconds, at least one");
        }
        // One order for every statement, so two requests never lock the same rows in opposite orders.
        List<Bucket> ordered = buckets.stream().distinct()
                .sorted(Comparator.comparing(Bucket::name).thenComparing(Bucket::key)).toList();
        used = true;
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Bucket, Decision> decisions = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement take = connection.prepareStatement(
                     TAKE_STATEMENTS.computeIfAbsent(ordered.size(), RateLimiter::takeStatement))) {
            int parameter = 1;
            for (Bucket bucket : ordered) {
                take.setString(parameter++, bucket.name());
                take.setString(parameter++, bucket.key());
                take.setInt(parameter++, capacity);
                take.setInt(parameter++, (int) windowSeconds);
                take.setDouble(parameter++, capacity - 1);
                take.setObject(parameter++, now);
            }
            try (ResultSet rows = take.executeQuery()) {
                while (rows.next()) {
                    double tokens = rows.getDouble("tokens");
                    decisions.put(new Bucket(rows.getString("name"), rows.getString("key")), rows.getBoolean("allowed")
                            ? new Decision(true, (int) Math.floor(tokens), 0)
                            : new Decision(false, 0, secondsToNextToken(tokens, capacity, windowSeconds)));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("rate limit %s refused the request: its buckets could not be read (%s)",
                    ordered.get(0).name(), e.getMessage());
            throw new ApiException(503, "Service Unavailable", Map.of("Retry-After", "1"));
        }
        return decisions;
    }

    /** Whole seconds until the bucket holds one token; rounded to nanoseconds first, as tokens are doubles. */
    private static long secondsToNextToken(double tokens, int capacity, long windowSeconds) {
        long nanos = Math.round((1 - tokens) * windowSeconds * 1e9 / capacity);
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String takeStatement(int rows) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO rate_limit_bucket AS b (name, key, capacity, window_seconds, tokens, allowed, updated_at) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, true, ?)");
        }
        return sql.append(" ON CONFLICT (name, key) DO UPDATE SET")
                .append(" tokens = CASE WHEN ").append(REFILLED).append(" >= 1 THEN ").append(REFILLED).append(" - 1 ELSE ")
                .append(REFILLED).append(" END,")
                .append(" allowed = ").append(REFILLED).append(" >= 1,")
                .append(" capacity = excluded.capacity, window_seconds = excluded.window_seconds,")
                .append(" updated_at = greatest(b.updated_at, excluded.updated_at)")
                .append(" RETURNING name, key, tokens, allowed").toString();
    }

    /**
     * Deletes buckets idle for 10 minutes that have refilled completely (idle for their window):
     * such a bucket and a missing one give the same answer.
     */
    @Scheduled(every = "1m", delayed = "1m", identity = "rate-limit-cleanup")
    void dropFullBuckets() {
        if (!used) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM rate_limit_bucket"
                     + " WHERE updated_at < ?::timestamptz - interval '10 minutes'"
                     + " AND updated_at + window_seconds * interval '1 second' <= ?::timestamptz")) {
            delete.setObject(1, now);
            delete.setObject(2, now);
            int deleted = delete.executeUpdate();
            LOG.debugf("rate limits: %d idle buckets deleted", deleted);
        } catch (SQLException e) {
            LOG.warnf("rate limits: idle buckets not deleted (%s); the next run tries again", e.getMessage());
        }
    }

    /** One bucket: the limit's name (with the kind of key) and the key's value. */
    public record Bucket(String name, String key) {
    }

    public record Decision(boolean allowed, int remaining, long retryAfterSeconds) {
    }
}
