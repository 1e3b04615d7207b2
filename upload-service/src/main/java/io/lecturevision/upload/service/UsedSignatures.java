package io.lecturevision.upload.service;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.upload.service.SignatureVerifier.VerifiedSignature;
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

/**
 * Accepts each upload signature once, across every instance of the service: a signature is
 * recorded in the transaction that stores its upload, so of two requests carrying it only one
 * commits. Rows are dropped once their timestamp has left the replay window.
 */
@ApplicationScoped
public class UsedSignatures {

    private static final Logger LOG = Logger.getLogger(UsedSignatures.class);
    static final String ALREADY_USED = "Signature already used: sign each upload anew";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public UsedSignatures(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Refuses early a signature that an earlier upload used (the binding check is {@link #use}). */
    public void refuseIfUsed(VerifiedSignature signature) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM used_signature WHERE signature = ?")) {
            select.setString(1, signature.value());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    throw ApiException.unauthorized(ALREADY_USED);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read used signatures", e);
        }
    }

    /** Records the signature in the caller's transaction; 401 when another upload recorded it first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void use(VerifiedSignature signature) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO used_signature (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, signature.value());
            insert.setTimestamp(2, Timestamp.from(signature.acceptedUntil()));
            if (insert.executeUpdate() == 0) {
                throw ApiException.unauthorized(ALREADY_USED);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the used signature", e);
        }
    }

    @Scheduled(every = "10m", delayed = "1m", identity = "used-signature-cleanup")
    public void forgetExpired() {
        int deleted = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM used_signature WHERE expires_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant()));
                return delete.executeUpdate();
            }
        });
        if (deleted > 0) {
            LOG.debugf("Forgot %d used signatures whose replay window has passed", deleted);
        }
    }
}
