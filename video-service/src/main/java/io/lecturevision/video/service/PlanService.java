package io.lecturevision.video.service;

import io.lecturevision.video.CorporationPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The corporations' plans as auth-service announced them. */
@ApplicationScoped
public class PlanService {

    private static final Logger LOG = Logger.getLogger(PlanService.class);

    /** Applies a plan change; an event for an unknown corporation creates it, an older one is ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(UUID corporationId, String name, String planType, Instant planExpiredAt, Instant changedAt) {
        CorporationPlan plan = CorporationPlan.findById(corporationId);
        if (plan == null) {
            plan = new CorporationPlan();
            plan.corporationId = corporationId;
        } else if (plan.changedAt.isAfter(changedAt)) {
            LOG.infof("Ignoring a plan change of %s from %s: already at one from %s", corporationId, changedAt, plan.changedAt);
            return;
        }
        plan.name = name;
        plan.planType = planType;
        plan.planExpiredAt = planExpiredAt;
        plan.changedAt = changedAt;
        plan.persist();
        LOG.infof("Corporation %s is now on %s (expires %s)", corporationId, planType, planExpiredAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CorporationPlan> find(UUID corporationId) {
        return CorporationPlan.findByIdOptional(corporationId);
    }

    /** Why the corporation may not restore videos, or empty when it may (PAID and not expired). */
    public Optional<String> restoreRefusal(UUID corporationId, Instant now) {
        Optional<CorporationPlan> plan = find(corporationId);
        if (plan.isEmpty()) {
            return Optional.of("Restoring deleted videos needs a PAID plan; this corporation's plan is not known yet");
        }
        if (!CorporationPlan.PAID.equals(plan.get().planType)) {
            return Optional.of("Restoring deleted videos needs a PAID plan; this corporation is on the FREE plan");
        }
        if (plan.get().planExpiredAt != null && !plan.get().planExpiredAt.isAfter(now)) {
            return Optional.of("Restoring deleted videos needs a PAID plan; this corporation's PAID plan expired at "
                    + plan.get().planExpiredAt);
        }
        return Optional.empty();
    }
}
