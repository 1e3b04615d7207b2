package io.lecturevision.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.request.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Writes an event into the outbox table inside the caller's transaction, so the event exists if
 * and only if the change that caused it commits. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Largest event accepted, well under the broker's 1 MB record limit. The relay sends the outbox
     * in order and stops at a row the broker refuses, so such a row is refused here instead.
     */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final Event<OutboxEventWritten> written;
    private final EventContracts contracts;
    private final String source;
    private final Set<String> publishedTopics;

    public Outbox(AgroalDataSource dataSource, ObjectMapper mapper, Event<OutboxEventWritten> written,
                  EventContracts contracts, EventsConfig config,
                  @ConfigProperty(name = "quarkus.application.name") String source) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.written = written;
        this.contracts = contracts;
        this.source = source;
        Set<String> topics = new HashSet<>(Contracts.producedBy(source));
        config.producedTopics().ifPresent(topics::addAll);
        this.publishedTopics = Set.copyOf(topics);
    }

    /**
     * Records {@code data} as a CloudEvent of {@code type} about {@code subject}, published on the topic
     * named {@code type}. Data of a topic with a contract ({@code event.contract.Contracts}) must
     * satisfy it: a {@link ContractViolation} otherwise, which rolls the caller's transaction back.
     * The topic must be one this service publishes (so the relay declared it), and the event at most
     * {@link #MAX_EVENT_BYTES}; an {@link IllegalArgumentException} otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope emit(String type, String subject, Object data) {
        if (!publishedTopics.contains(type)) {
            throw new IllegalArgumentException(source + " does not publish " + type
                    + ": name it the producer in Contracts.ALL, or list it in lv.events.produced-topics");
        }
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
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("event " + type + " is " + bytes + " bytes, more than the "
                    + MAX_EVENT_BYTES + " an event may have");
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
