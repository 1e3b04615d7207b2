package io.lecturevision.video.event;

import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationPlanChanged;
import io.lecturevision.video.service.PlanService;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the plan read model from auth-service's corporation.plan-changed (once per event id). */
@ApplicationScoped
public class PlanChangedHandler implements EventHandler {

    private final PlanService plans;
    private final EventContracts contracts;

    public PlanChangedHandler(PlanService plans, EventContracts contracts) {
        this.plans = plans;
        this.contracts = contracts;
    }

    @Override
    public String topic() {
        return Contracts.CORPORATION_PLAN_CHANGED;
    }

    @Override
    public String name() {
        return "corporation-plans";
    }

    @Override
    public void handle(EventEnvelope event) {
        CorporationPlanChanged change = contracts.read(event, CorporationPlanChanged.class);
        plans.apply(change.corporationId(), change.name(), change.planType().name(), change.planExpiredAt(),
                event.occurredAt());
    }
}
