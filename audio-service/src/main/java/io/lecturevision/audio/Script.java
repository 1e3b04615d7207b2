package io.lecturevision.audio;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A title with ordered lines that actors read. */
@Entity
@Table(name = "script")
public class Script extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "corporation_id", nullable = false)
    public UUID corporationId;

    @Column(nullable = false, length = 200)
    public String title;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "script_line", joinColumns = @JoinColumn(name = "script_id"))
    @OrderColumn(name = "position")
    @Column(name = "text", nullable = false, length = 2000)
    public List<String> lines = new ArrayList<>();

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
