package io.lecturevision.vision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's photo and the job that upscales it. */
@Entity
@Table(name = "photo")
public class Photo extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    /** The token subject (user id) that sent it: only they see it. */
    @Column(name = "owner_id", nullable = false, length = 100)
    public String ownerId;

    @Column(name = "corporation_id")
    public UUID corporationId;

    @Column(name = "original_key", nullable = false, length = 200)
    public String originalKey;

    @Column(name = "content_type", nullable = false, length = 50)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "upscaled_key", length = 200)
    public String upscaledKey;

    @Column(nullable = false, length = 12)
    public String status;

    @Column(name = "status_version", nullable = false)
    public int statusVersion;

    @Column(name = "failure_reason", length = 1000)
    public String failureReason;

    @Column(nullable = false, length = 12)
    public String model;

    @Column(nullable = false)
    public int scale;

    @Column(nullable = false)
    public double latitude;

    @Column(nullable = false)
    public double longitude;

    /** Variance of the Laplacian, for best cuts. */
    public Double sharpness;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Time spent in the model alone. */
    @Column(name = "inference_ms")
    public Long inferenceMs;

    public boolean isFinal() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    public void changeStatus(String status, String failureReason) {
        this.status = status;
        this.failureReason = failureReason;
        this.statusVersion++;
    }
}
