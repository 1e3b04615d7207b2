package io.lecturevision.common.security.revocation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of the {@code revoked_session} read model: user id → access tokens issued before
 * this instant are void. The JWT check asks it without a database call; it is refreshed every
 * {@code lv.security.session-revocation.refresh-interval} (1 s) with the rows written since the last
 * refresh, so every instance learns of a revocation that any instance's consumer recorded.
 */
@ApplicationScoped
@IfBuildProperty(name = RevokedSessions.ENABLED, stringValue = "true")
public class RevokedSessions {

    public static final String ENABLED = "lv.security.session-revocation.enabled";
    /**
     * Rows are re-read for this long after the newest one seen: a transaction that commits later than its
     * {@code recorded_at} (clock_timestamp() inside it) is still picked up.
     */
    private static final long OVERLAP_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(RevokedSessions.class);

    private final AgroalDataSource dataSource;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private volatile Instant newestSeen;

    public RevokedSessions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether a token of {@code userId} issued at {@code issuedAtSecond} (the JWT's iat) was revoked. */
    public boolean isRevoked(String userId, long issuedAtSecond) {
        Instant since = userId == null ? null : notBefore.get(userId);
        return since != null && issuedAtSecond < since.getEpochSecond();
    }

    void loadAtStart(@Observes StartupEvent start) throws SQLException {
        refresh();
    }

    @Scheduled(every = "${lv.security.session-revocation.refresh-interval:1s}", identity = "revoked-sessions-refresh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOnSchedule() {
        try {
            refresh();
        } catch (SQLException e) {
            LOG.warnf("Could not refresh revoked sessions (kept the last copy): %s", e.getMessage());
        }
    }

    /** Reads the rows recorded since the last refresh into memory. */
    public void refresh() throws SQLException {
        Instant from = newestSeen == null ? null : newestSeen.minusSeconds(OVERLAP_SECONDS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(from == null
                     ? "SELECT user_id, not_before, recorded_at FROM revoked_session"
                     : "SELECT user_id, not_before, recorded_at FROM revoked_session WHERE recorded_at > ?")) {
            if (from != null) {
                query.setTimestamp(1, Timestamp.from(from));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant since = rows.getTimestamp(2).toInstant();
                    Instant recorded = rows.getTimestamp(3).toInstant();
                    notBefore.merge(rows.getObject(1, UUID.class).toString(), since,
                            (old, added) -> added.isAfter(old) ? added : old);
                    if (newestSeen == null || recorded.isAfter(newestSeen)) {
                        newestSeen = recorded;
                    }
                }
            }
        }
    }
}
