package io.lecturevision.auth.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Periodically downgrades expired PAID plans (seed 001's APScheduler job). */
@ApplicationScoped
public class PlanExpiryJob {

    private final CorporationService corporations;

    public PlanExpiryJob(CorporationService corporations) {
        this.corporations = corporations;
    }

    @Scheduled(every = "${lv.auth.plan-expiry-interval:1m}", delayed = "${lv.auth.plan-expiry-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "plan-expiry")
    void run() {
        corporations.expirePaidPlans(Instant.now());
    }
}
