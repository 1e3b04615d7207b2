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
@Table(name = "view_log")
public class ViewLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false, length = 100)
    public String userId;

    @Column(name = "video_id", nullable = false)
    public Long videoId;

    @Column(name = "corporation_id", nullable = false)
    public UUID corporationId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
