package io.lecturevision.video;

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
@Table(name = "video")
public class Video extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String READY = "ready";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "object_key", nullable = false, length = 300)
    public String objectKey;

    @Column(name = "content_type", nullable = false, length = 100)
    public String contentType;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(length = 100)
    public String etag;

    @Column(name = "corporation_id", nullable = false)
    public UUID corporationId;

    /** {@code pending} until a presigned upload is completed. */
    @Column(nullable = false, length = 10)
    public String status;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
