package io.lecturevision.vision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The head count of one upload-service snapshot, with the boxes and scores it is made of. */
@Entity
@Table(name = "people_count")
public class PeopleCountRecord extends PanacheEntityBase {

    @Id
    @Column(name = "upload_id")
    public Long uploadId;

    @Column(nullable = false, length = 10)
    public String status;

    public Integer count;

    /** JSON array of {x1, y1, x2, y2, score}. */
    @Column(columnDefinition = "text")
    public String detections;

    @Column(nullable = false, length = 100)
    public String model;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(length = 1000)
    public String error;

    @Column(name = "counted_at", nullable = false)
    public Instant countedAt;
}
