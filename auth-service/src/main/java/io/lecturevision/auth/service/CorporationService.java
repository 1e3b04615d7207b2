package io.lecturevision.auth.service;

import io.lecturevision.auth.Corporation;
import io.lecturevision.auth.PlanType;
import io.lecturevision.auth.User;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationDeleted;
import io.lecturevision.common.event.contract.CorporationPlanChanged.Reason;
import io.lecturevision.common.event.contract.CorporationPlanChanged;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Corporations and their plans. Every plan change, by an admin or by expiry, emits one event. */
@ApplicationScoped
@Transactional
public class CorporationService {

    private static final Logger LOG = Logger.getLogger(CorporationService.class);

    private final Outbox outbox;
    private final EntityManager entityManager;
    private final SessionRevocations sessions;

    public CorporationService(Outbox outbox, EntityManager entityManager, SessionRevocations sessions) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.sessions = sessions;
    }

    public Corporation create(String name, PlanType planType, Instant planExpiredAt) {
        Corporation corporation = new Corporation();
        corporation.id = UUID.randomUUID();
        corporation.name = name.trim();
        corporation.planType = planType;
        corporation.planExpiredAt = truncate(planExpiredAt);
        corporation.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        corporation.updatedAt = corporation.createdAt;
        persistUnique(corporation);
        emitPlanChanged(corporation, null, Reason.CREATED);
        LOG.infof("Corporation %s (%s) created on plan %s", corporation.id, corporation.name, corporation.planType);
        return corporation;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Corporation> list(int skip, int limit) {
        return Corporation.findAll(Sort.by("createdAt")).range(skip, skip + limit - 1).list();
    }

    /** A platform admin sees any corporation; a member sees only its own. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Corporation get(User caller, UUID id) {
        Corporation corporation = Corporation.findById(id);
        if (corporation == null || !(UserService.isPlatformAdmin(caller) || id.equals(caller.corporationId))) {
            throw ApiException.notFound("Corporation not found");
        }
        return corporation;
    }

    public Corporation update(UUID id, CorporationChanges changes) {
        Corporation corporation = Corporation.findById(id);
        if (corporation == null) {
            throw ApiException.notFound("Corporation not found");
        }
        PlanType previousPlan = corporation.planType;
        Instant previousExpiry = corporation.planExpiredAt;
        changes.name().map(String::trim).ifPresent(name -> corporation.name = name);
        changes.planType().ifPresent(plan -> corporation.planType = plan);
        if (changes.clearExpiry()) {
            corporation.planExpiredAt = null;
        }
        changes.planExpiredAt().ifPresent(expiry -> corporation.planExpiredAt = truncate(expiry));
        corporation.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        persistUnique(corporation);
        if (previousPlan != corporation.planType || !Objects.equals(previousExpiry, corporation.planExpiredAt)) {
            emitPlanChanged(corporation, previousPlan, Reason.UPDATED);
            LOG.infof("Corporation %s plan %s -> %s (expires %s)", id, previousPlan, corporation.planType,
                    corporation.planExpiredAt);
        }
        return corporation;
    }

    public void delete(UUID id) {
        Corporation corporation = Corporation.findById(id);
        if (corporation == null) {
            throw ApiException.notFound("Corporation not found");
        }
        List<User> members = User.list("corporationId", id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (User member : members) {
            member.active = false;
            member.updatedAt = now;
            sessions.revoke(member.id, UserSessionsRevoked.Reason.CORPORATION_DELETED);
        }
        corporation.delete();
        outbox.emit(Contracts.CORPORATION_DELETED, id.toString(), new CorporationDeleted(id));
        LOG.infof("Corporation %s deleted; its %d users were deactivated and their sessions revoked", id, members.size());
    }

    /**
     * Turns every PAID plan whose expiry has passed into FREE. One conditional UPDATE claims the rows:
     * when two instances run it at once, PostgreSQL re-checks the condition on the row the first one
     * changed, so each plan flips, and is announced, exactly once.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> expirePaidPlans(Instant now) {
        List<Object[]> expired = entityManager.createNativeQuery("""
                        UPDATE corporation SET plan_type = 'FREE', updated_at = :now
                        WHERE plan_type = 'PAID' AND plan_expired_at IS NOT NULL AND plan_expired_at <= :now
                        RETURNING id, name, plan_expired_at""")
                .setParameter("now", now)
                .getResultList();
        for (Object[] row : expired) {
            UUID id = (UUID) row[0];
            Instant expiry = toInstant(row[2]);
            outbox.emit(Contracts.CORPORATION_PLAN_CHANGED, id.toString(), new CorporationPlanChanged(
                    id, (String) row[1], plan(PlanType.FREE), expiry, plan(PlanType.PAID), Reason.EXPIRED));
            LOG.infof("Corporation %s: PAID plan expired at %s, now FREE", id, expiry);
        }
        return expired.stream().map(row -> (UUID) row[0]).toList();
    }

    private void emitPlanChanged(Corporation corporation, PlanType previous, Reason reason) {
        outbox.emit(Contracts.CORPORATION_PLAN_CHANGED, corporation.id.toString(), new CorporationPlanChanged(
                corporation.id, corporation.name, plan(corporation.planType), corporation.planExpiredAt, plan(previous),
                reason));
    }

    private static CorporationPlanChanged.Plan plan(PlanType type) {
        return type == null ? null : CorporationPlanChanged.Plan.valueOf(type.name());
    }

    private static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static void persistUnique(Corporation corporation) {
        try {
            corporation.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ApiException.badRequest("A corporation with this name already exists");
            }
            throw e;
        }
    }
}
