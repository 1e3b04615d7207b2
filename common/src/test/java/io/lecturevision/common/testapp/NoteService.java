package io.lecturevision.common.testapp;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A change plus its event in one transaction, as the services do it. */
@ApplicationScoped
public class NoteService {

    public static final String NOTE_CREATED = "test.note-created";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    public NoteService(AgroalDataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @Transactional
    public UUID create(String text, boolean failAfterEmit) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO note (id, text, created_at) VALUES (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, text);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        outbox.emit(NOTE_CREATED, id.toString(), Map.of("noteId", id.toString(), "text", text));
        if (failAfterEmit) {
            throw new IllegalStateException("failing after the event was written, to roll both back");
        }
        return id;
    }
}
