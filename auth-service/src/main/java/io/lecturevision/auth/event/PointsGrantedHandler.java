package io.lecturevision.auth.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.PointsGranted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Seed 001's {@code point} on users, from video-service's {@code points.granted}. The event carries
 * the user's running total, so the user keeps the highest total seen: a redelivered or late event
 * cannot lower it (and common's consumer applies each event id once anyway).
 */
@ApplicationScoped
public class PointsGrantedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(PointsGrantedHandler.class);

    private final ObjectMapper mapper;
    private final EntityManager entityManager;

    public PointsGrantedHandler(ObjectMapper mapper, EntityManager entityManager) {
        this.mapper = mapper;
        this.entityManager = entityManager;
    }

    @Override
    public String topic() {
        return Contracts.POINTS_GRANTED;
    }

    @Override
    public String name() {
        return "points-granted";
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        PointsGranted granted = mapper.treeToValue(event.data(), PointsGranted.class);
        UUID userId;
        try {
            userId = UUID.fromString(granted.userId());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("points.granted for user id %s, not one of ours (event %s): ignored", granted.userId(), event.id());
            return;
        }
        int updated = entityManager.createNativeQuery("UPDATE app_user SET point = GREATEST(point, ?1) WHERE id = ?2")
                .setParameter(1, granted.total()).setParameter(2, userId).executeUpdate();
        if (updated == 0) {
            LOG.warnf("points.granted for unknown user %s (event %s): ignored", userId, event.id());
            return;
        }
        LOG.infof("User %s now has %d points (+%d for video %d)", userId, granted.total(), granted.points(), granted.videoId());
    }
}
