package io.lecturevision.upload;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A camera (or other sender) with its own HMAC secret, kept encrypted. */
@Entity
@Table(name = "upload_client")
public class UploadClient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "secret_encrypted", nullable = false, length = 200)
    public String secretEncrypted;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    /** The corporation whose cameras sign with it; null for a client of no corporation. */
    @Column(name = "corporation_id")
    public UUID corporationId;
}
