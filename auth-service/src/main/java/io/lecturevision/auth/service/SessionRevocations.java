package io.lecturevision.auth.service;

import io.lecturevision.auth.RefreshToken;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserSessionsRevoked.Reason;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Ends a user's sessions: its refresh tokens are revoked and {@code user.sessions-revoked} announces, in
 * the same transaction, that its access tokens issued before now are void, so that every service
 * refuses them within seconds rather than when they expire.
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);

    private final Outbox outbox;

    public SessionRevocations(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Every session of the user ends. */
    @Transactional
    public void revoke(UUID userId, Reason reason) {
        revokeExcept(userId, null, reason);
    }

    /**
     * Every session of the user ends except the refresh-token family {@code keptSession} (null: none),
     * whose next refresh gives an access token that is valid again.
     */
    @Transactional
    public void revokeExcept(UUID userId, UUID keptSession, Reason reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long revoked = keptSession == null
                ? RefreshToken.update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId)
                : RefreshToken.update("revokedAt = ?1 where userId = ?2 and revokedAt is null and familyId <> ?3", now,
                        userId, keptSession);
        outbox.emit(Contracts.USER_SESSIONS_REVOKED, userId.toString(), new UserSessionsRevoked(userId, now, reason));
        LOG.infof("Sessions of user %s revoked (%s): %d refresh tokens", userId, reason, revoked);
    }
}
