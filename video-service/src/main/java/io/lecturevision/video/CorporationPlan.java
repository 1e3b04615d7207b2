package io.lecturevision.video;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** This service's copy of a corporation's plan, kept from auth-service's events. */
@Entity
@Table(name = "corporation_plan")
public class CorporationPlan extends PanacheEntityBase {

    public static final String PAID = "PAID";
    public static final String FREE = "FREE";

    @Id
    @Column(name = "corporation_id")
    public UUID corporationId;

    @Column(length = 200)
    public String name;

    @Column(name = "plan_type", nullable = false, length = 10)
    public String planType;

    @Column(name = "plan_expired_at")
    public Instant planExpiredAt;

    /** When auth-service made the change this row reflects; older events are ignored. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
