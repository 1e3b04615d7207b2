package io.lecturevision.video;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "user_points")
public class UserPoints extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", length = 100)
    public String userId;

    @Column(nullable = false)
    public long points;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
