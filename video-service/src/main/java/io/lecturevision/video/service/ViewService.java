package io.lecturevision.video.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.PointsGranted;
import io.lecturevision.common.event.contract.VideoViewed;
import io.lecturevision.common.security.Caller;
import io.lecturevision.video.UserPoints;
import io.lecturevision.video.Video;
import io.lecturevision.video.ViewLog;
import io.lecturevision.video.config.VideoConfig;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Views and points (seed 001): a user's first stream of a video writes one view log and grants the
 * points in the same transaction. The unique (user_id, video_id) constraint decides which of many
 * concurrent first streams is the first; the others change nothing.
 */
@ApplicationScoped
public class ViewService {

    private static final Logger LOG = Logger.getLogger(ViewService.class);

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final VideoConfig config;

    public ViewService(EntityManager entityManager, Outbox outbox, VideoConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config;
    }

    /** Records the view if it is the user's first of this video; true when points were granted. */
    @Transactional
    public boolean recordView(String userId, Video video) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO view_log (user_id, video_id, corporation_id, created_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT ON CONSTRAINT view_log_user_video_key DO NOTHING""")
                .setParameter(1, userId).setParameter(2, video.id).setParameter(3, video.corporationId).setParameter(4, now)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        Number total = (Number) entityManager.createNativeQuery("""
                        INSERT INTO user_points (user_id, points, updated_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (user_id) DO UPDATE SET points = user_points.points + EXCLUDED.points,
                        updated_at = EXCLUDED.updated_at RETURNING points""")
                .setParameter(1, userId).setParameter(2, (long) config.pointsPerFirstView()).setParameter(3, now)
                .getSingleResult();
        outbox.emit(Contracts.VIDEO_VIEWED, video.id.toString(),
                new VideoViewed(video.id, userId, video.corporationId, now));
        outbox.emit(Contracts.POINTS_GRANTED, userId,
                new PointsGranted(userId, video.id, config.pointsPerFirstView(), total.longValue()));
        LOG.infof("First view of video %d by %s: %d points (total %d)", video.id, userId, config.pointsPerFirstView(),
                total.longValue());
        return true;
    }

    /** A member sees its own view logs; an admin sees the corporation's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ViewLog> viewLogs(Caller caller, int skip, int limit) {
        Sort newestFirst = Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);
        var query = caller.admin()
                ? ViewLog.<ViewLog>find("corporationId", newestFirst, caller.corporationId())
                : ViewLog.<ViewLog>find("userId = ?1 and corporationId = ?2", newestFirst, caller.userId(), caller.corporationId());
        return query.range(skip, skip + limit - 1).list();
    }

    /**
     * {@code userId}'s points, for the user itself, a platform admin, or an admin of a corporation whose videos
     * the user watched (points are per user, earned in that corporation); anyone else gets 404, the same as for
     * a user with no points there.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long pointsOf(Caller caller, String userId) {
        boolean visible = caller.platformAdmin() || caller.userId().equals(userId)
                || (caller.admin() && caller.corporationId() != null
                && ViewLog.count("userId = ?1 and corporationId = ?2", userId, caller.corporationId()) > 0);
        if (!visible) {
            throw ApiException.notFound("Points not found");
        }
        return points(userId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long points(String userId) {
        UserPoints points = UserPoints.findById(userId);
        return points == null ? 0 : points.points;
    }
}
