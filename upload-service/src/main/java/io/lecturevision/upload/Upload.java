package io.lecturevision.upload;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "upload")
public class Upload extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The token subject (user id) that uploaded it. */
    @Column(name = "owner_id", nullable = false, length = 100)
    public String ownerId;

    /** The upload client whose secret signed it; null for the default secret. */
    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "corporation_id")
    public UUID corporationId;

    /** The client's file name, kept for display only; never used to name anything. */
    @Column(name = "original_name", nullable = false)
    public String originalName;

    @Column(name = "stored_name", nullable = false, length = 100)
    public String storedName;

    @Column(name = "object_key", nullable = false, length = 300)
    public String objectKey;

    @Column(name = "content_type", nullable = false, length = 50)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "people_count", nullable = false)
    public int peopleCount;

    @Column(name = "detected_count")
    public Integer detectedCount;

    @Column(name = "count_status", nullable = false, length = 10)
    public String countStatus;

    @Column(name = "count_model", length = 100)
    public String countModel;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
