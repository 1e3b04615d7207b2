package io.lecturevision.video.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.video.service.PlanService;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the plan read model from auth-service's corporation.plan-changed (once per event id). */
@ApplicationScoped
public class PlanChangedHandler implements EventHandler {

    private final PlanService plans;
    private final ObjectMapper mapper;

    public PlanChangedHandler(PlanService plans, ObjectMapper mapper) {
        this.plans = plans;
        this.mapper = mapper;
    }

    @Override
    public String topic() {
        return VideoEvents.CORPORATION_PLAN_CHANGED;
    }

    @Override
    public String name() {
        return "corporation-plans";
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        VideoEvents.CorporationPlanChanged change = mapper.treeToValue(event.data(), VideoEvents.CorporationPlanChanged.class);
        if (change.corporationId() == null || !("FREE".equals(change.planType()) || "PAID".equals(change.planType()))) {
            throw new IllegalArgumentException("corporation.plan-changed without a corporation id or a known plan");
        }
        plans.apply(change.corporationId(), change.name(), change.planType(), change.planExpiredAt(), event.occurredAt());
    }
}
