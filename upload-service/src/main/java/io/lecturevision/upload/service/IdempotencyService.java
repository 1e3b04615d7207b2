package io.lecturevision.upload.service;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.upload.config.UploadConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header). A key is claimed in its own
 * committed transaction before any work, so a concurrent duplicate sees it at once; the stored
 * response is written in the same transaction as the upload it describes.
 */
@ApplicationScoped
public class IdempotencyService {

    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);

    private final AgroalDataSource dataSource;
    private final UploadConfig config;
    private final Clock clock;

    public IdempotencyService(AgroalDataSource dataSource, UploadConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** What claiming a key found: either the caller now owns it, or the first response to replay. */
    public record Claim(boolean owned, int status, String body) {
    }

    public Claim claim(String scope, String key, String requestHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO idempotency_key (scope, idem_key, request_hash, state, created_at, expires_at)
                        VALUES (?, ?, ?, 'in_flight', ?, ?) ON CONFLICT DO NOTHING""")) {
                    insert.setString(1, scope);
                    insert.setString(2, key);
                    insert.setString(3, requestHash);
                    insert.setTimestamp(4, Timestamp.from(now));
                    insert.setTimestamp(5, Timestamp.from(now.plus(config.idempotencyTtl())));
                    if (insert.executeUpdate() == 1) {
                        return new Claim(true, 0, null);
                    }
                }
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT request_hash, state, response_status, response_body, created_at, expires_at
                        FROM idempotency_key WHERE scope = ? AND idem_key = ? FOR UPDATE""")) {
                    select.setString(1, scope);
                    select.setString(2, key);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            throw ApiException.conflict("A request with this Idempotency-Key is being processed");
                        }
                        boolean expired = row.getTimestamp(6).toInstant().isBefore(now);
                        boolean abandoned = "in_flight".equals(row.getString(2))
                                && row.getTimestamp(5).toInstant().isBefore(now.minus(config.idempotencyInFlightTimeout()));
                        if (expired || abandoned) {
                            takeOver(connection, scope, key, requestHash, now, now.plus(config.idempotencyTtl()));
                            LOG.infof("Idempotency-Key %s taken over (%s)", key, expired ? "expired" : "abandoned in flight");
                            return new Claim(true, 0, null);
                        }
                        if ("in_flight".equals(row.getString(2))) {
                            throw ApiException.conflict("A request with this Idempotency-Key is still being processed");
                        }
                        if (!row.getString(1).equals(requestHash)) {
                            throw new ApiException(422, "Idempotency-Key was already used with a different request");
                        }
                        return new Claim(false, row.getInt(3), row.getString(4));
                    }
                }
            }
        });
    }

    /** Stores the response; must run inside the transaction that stores the upload. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, int status, String body) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE idempotency_key SET state = 'done', response_status = ?, response_body = ?
                     WHERE scope = ? AND idem_key = ?""")) {
            update.setInt(1, status);
            update.setString(2, body);
            update.setString(3, scope);
            update.setString(4, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the idempotent response", e);
        }
    }

    /** The request failed before storing anything: the key is free for a retry. */
    public void release(String scope, String key) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ? AND state = 'in_flight'")) {
                delete.setString(1, scope);
                delete.setString(2, key);
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Scheduled(every = "10m", identity = "idempotency-key-cleanup")
    void deleteExpired() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_key WHERE expires_at < now()")) {
                int deleted = delete.executeUpdate();
                if (deleted > 0) {
                    LOG.infof("Deleted %d expired idempotency keys", deleted);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void takeOver(Connection connection, String scope, String key, String requestHash, Instant now,
                                 Instant expiresAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE idempotency_key SET request_hash = ?, state = 'in_flight', response_status = NULL,
                response_body = NULL, created_at = ?, expires_at = ? WHERE scope = ? AND idem_key = ?""")) {
            update.setString(1, requestHash);
            update.setTimestamp(2, Timestamp.from(now));
            update.setTimestamp(3, Timestamp.from(expiresAt));
            update.setString(4, scope);
            update.setString(5, key);
            update.executeUpdate();
        }
    }
}
