package io.lecturevision.audio;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A recording sent for analysis (seed 004's AnalysisResult) and where its background work stands. */
@Entity
@Table(name = "analysis_job")
public class AnalysisJob extends PanacheEntityBase {

    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** Background steps, in order: the file is on local disk, being stored, the server being asked, analysing. */
    public enum Step { received, storing, requesting, analysing, done }

    @Id
    public UUID id;

    @Column(name = "token_id", nullable = false)
    public Long tokenId;

    @Column(name = "corporation_id", nullable = false)
    public UUID corporationId;

    @Column(name = "requested_by", nullable = false, length = 100)
    public String requestedBy;

    @Column(nullable = false, length = 12)
    public String status;

    @Column(nullable = false, length = 20)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Step step;

    @Column(nullable = false)
    public int progress;

    @Column(nullable = false, length = 1000)
    public String message;

    /** The analysis server's {@code analysis_results}, as JSON. */
    @Column(columnDefinition = "text")
    public String result;

    @Column(name = "content_type", nullable = false, length = 50)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(name = "object_key", nullable = false, length = 300)
    public String objectKey;

    /** Where the upload waits on this instance's disk until it is stored; null once stored. */
    @Column(name = "spool_path", length = 500)
    public String spoolPath;

    /** How many times a step has been started (resumed steps count again). */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_event_seq", nullable = false)
    public int lastEventSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "step_started_at", nullable = false)
    public Instant stepStartedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean finished() {
        return !PROCESSING.equals(status);
    }
}
