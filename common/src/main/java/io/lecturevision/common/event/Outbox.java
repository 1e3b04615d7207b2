package io.lecturevision.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.request.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes an event into the outbox table inside the caller's transaction, so the event exists if
 * and only if the change that caused it commits. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final Event<OutboxEventWritten> written;
    private final EventContracts contracts;
    private final String source;

    public Outbox(AgroalDataSource dataSource, ObjectMapper mapper, Event<OutboxEventWritten> written,
                  EventContracts contracts, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.written = written;
        this.contracts = contracts;
        this.source = source;
    }

    /**
     * Records {@code data} as a CloudEvent of {@code type} about {@code subject}, published on the topic
     * named {@code type}. Data of a topic with a contract ({@code event.contract.Contracts}) must
     * satisfy it: a {@link ContractViolation} otherwise, which rolls the caller's transaction back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope emit(String type, String subject, Object data) {
        JsonNode body = mapper.valueToTree(data);
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), source, type, subject,
                Instant.now().truncatedTo(ChronoUnit.MICROS), body, RequestIds.current());
        contracts.checkEnvelope(envelope);
        contracts.checkData(envelope);
        String payload;
        try {
            payload = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " cannot be written as JSON", e);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (id, topic, event_key, event_type, payload, request_id, created_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, envelope.id());
            insert.setString(2, type);
            insert.setString(3, subject);
            insert.setString(4, type);
            insert.setString(5, payload);
            insert.setString(6, envelope.requestId());
            insert.setTimestamp(7, Timestamp.from(envelope.occurredAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write event " + type + " to the outbox", e);
        }
        written.fire(new OutboxEventWritten(envelope.id()));
        return envelope;
    }
}
