package io.lecturevision.common.testapp;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

/** Counts applications per note; a text of "always-fail" makes it throw every time. */
@ApplicationScoped
public class NoteCreatedHandler implements EventHandler {

    private final AgroalDataSource dataSource;

    public NoteCreatedHandler(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String topic() {
        return NoteService.NOTE_CREATED;
    }

    @Override
    public String name() {
        return "note-effects";
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        if ("always-fail".equals(event.data().path("text").asText())) {
            throw new IllegalStateException("this note can never be applied");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO note_effect (note_id, applied) VALUES (?, 1)
                     ON CONFLICT (note_id) DO UPDATE SET applied = note_effect.applied + 1""")) {
            upsert.setObject(1, UUID.fromString(event.data().path("noteId").asText()));
            upsert.executeUpdate();
        }
    }
}
