package io.lecturevision.common.security.revocation;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Records auth-service's {@code user.sessions-revoked} in the {@code revoked_session} table (each service
 * that enables the check creates it with Flyway). Writing is idempotent: a user keeps the latest
 * {@code not_before}, so a redelivered or older event changes nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = RevokedSessions.ENABLED, stringValue = "true")
public class RevokedSessionsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(RevokedSessionsHandler.class);

    private final AgroalDataSource dataSource;
    private final EventContracts contracts;

    public RevokedSessionsHandler(AgroalDataSource dataSource, EventContracts contracts) {
        this.dataSource = dataSource;
        this.contracts = contracts;
    }

    @Override
    public String topic() {
        return Contracts.USER_SESSIONS_REVOKED;
    }

    @Override
    public String name() {
        return "revoked-sessions";
    }

    @Override
    public void handle(EventEnvelope event) throws SQLException {
        UserSessionsRevoked revoked = contracts.read(event, UserSessionsRevoked.class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO revoked_session (user_id, not_before, recorded_at) VALUES (?, ?, clock_timestamp())
                     ON CONFLICT (user_id) DO UPDATE SET not_before = EXCLUDED.not_before, recorded_at = clock_timestamp()
                     WHERE revoked_session.not_before < EXCLUDED.not_before""")) {
            upsert.setObject(1, revoked.userId());
            upsert.setTimestamp(2, Timestamp.from(revoked.notBefore()));
            upsert.executeUpdate();
        }
        LOG.infof("Sessions of user %s revoked before %s (%s)", revoked.userId(), revoked.notBefore(), revoked.reason());
    }
}
