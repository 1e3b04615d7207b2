package io.lecturevision.common.testapp;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts applications per note. Texts that misbehave: "always-fail" is rejected for good,
 * "fail-twice" fails twice for a passing reason, "kill-consumer" kills the consumer's thread once.
 */
@ApplicationScoped
public class NoteCreatedHandler implements EventHandler {

    private static final Map<UUID, Integer> FAILURES = new ConcurrentHashMap<>();
    private static final Set<UUID> KILLED = ConcurrentHashMap.newKeySet();

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
    public Class<?> contract() {
        return NoteCreated.class;
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        String text = event.data().path("text").asText();
        if ("always-fail".equals(text)) {
            throw new PermanentEventFailure("this note can never be applied");
        }
        if ("fail-twice".equals(text) && FAILURES.merge(event.id(), 1, Integer::sum) <= 2) {
            throw new IllegalStateException("passing failure of event " + event.id());
        }
        if ("kill-consumer".equals(text) && KILLED.add(event.id())) {
            throw new ConsumerKilled("killed by event " + event.id());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO note_effect (note_id, applied) VALUES (?, 1)
                     ON CONFLICT (note_id) DO UPDATE SET applied = note_effect.applied + 1""")) {
            upsert.setObject(1, UUID.fromString(event.data().path("noteId").asText()));
            upsert.executeUpdate();
        }
    }

    /** What kills a thread outright: not an exception a handler is expected to throw. */
    public static final class ConsumerKilled extends Error {
        ConsumerKilled(String message) {
            super(message);
        }
    }
}
