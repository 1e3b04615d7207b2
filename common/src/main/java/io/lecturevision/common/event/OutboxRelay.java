package io.lecturevision.common.event;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.request.RequestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows to Kafka and marks them sent. Woken right after each commit that
 * wrote an event and every second in case a wake-up was missed or the broker was away. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances can relay side by side.
 * Delivery is at least once: a crash between publish and mark publishes the row again, and the
 * consumers skip the event id they have already applied.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String HEADER_EVENT_ID = "lv-event-id";
    static final String HEADER_EVENT_TYPE = "lv-event-type";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final KafkaClients kafka;
    private final EventsConfig config;
    private final ManagedExecutor executor;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    public OutboxRelay(AgroalDataSource dataSource, KafkaClients kafka, EventsConfig config, ManagedExecutor executor) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
        this.executor = executor;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEventWritten written) {
        wakeUp();
    }

    @Scheduled(every = "${lv.events.outbox-poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "outbox-relay")
    void poll() {
        wakeUp();
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "outbox-cleanup")
    void deletePublishedRows() {
        Instant before = Instant.now().minus(config.outboxRetention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                return delete.executeUpdate();
            }
        });
        if (deleted > 0) {
            LOG.infof("Deleted %d published outbox rows older than %s", deleted, before);
        }
    }

    /** Asks for a relay round; rounds never overlap inside one instance. */
    public void wakeUp() {
        wakeUpPending.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (wakeUpPending.getAndSet(false)) {
                RelayRound round;
                do {
                    round = relayBatch();
                } while (round.published() == config.outboxBatchSize() && round.failed() == 0);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Outbox relay round failed; the rows stay pending and are retried");
        } finally {
            draining.set(false);
            if (wakeUpPending.get() && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    /** One transaction: claim pending rows, publish them, mark those the broker acknowledged. */
    public RelayRound relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<PendingEvent> pending = claimPending();
            if (pending.isEmpty()) {
                return new RelayRound(0, 0);
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
            List<UUID> published = new ArrayList<>();
            int failed = 0;
            for (PendingEvent event : pending) {
                try {
                    sends.add(publish(event));
                } catch (RuntimeException e) {
                    // The producer could not even queue it (no metadata within the send timeout):
                    // the broker is away, so the rest of the batch waits for the next round.
                    failed++;
                    recordFailure(event.id(), e);
                    break;
                }
            }
            for (int i = 0; i < sends.size(); i++) {
                PendingEvent event = pending.get(i);
                try {
                    sends.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    published.add(event.id());
                } catch (Exception e) {
                    failed++;
                    recordFailure(event.id(), e);
                }
            }
            markPublished(published);
            if (failed > 0) {
                LOG.warnf("Outbox relay: %d published, %d left pending (broker unreachable or refusing)",
                        published.size(), failed);
            } else {
                LOG.debugf("Outbox relay: %d published", published.size());
            }
            return new RelayRound(published.size(), failed);
        });
    }

    /** Sends one row, headers included; marking it sent is the caller's part. */
    private Future<RecordMetadata> publish(PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(new RecordHeader(HEADER_EVENT_ID, event.id().toString().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(HEADER_EVENT_TYPE, event.type().getBytes(StandardCharsets.UTF_8)));
        if (event.requestId() != null) {
            record.headers().add(new RecordHeader(RequestIds.HEADER, event.requestId().getBytes(StandardCharsets.UTF_8)));
        }
        return kafka.producer().send(record);
    }

    List<PendingEvent> claimPending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT id, topic, event_key, event_type, payload, request_id FROM outbox_event
                     WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, config.outboxBatchSize());
            List<PendingEvent> pending = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pending.add(new PendingEvent(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
            return pending;
        }
    }

    private void markPublished(List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    private void recordFailure(UUID id, Exception failure) throws SQLException {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            update.setString(1, message.length() > 1000 ? message.substring(0, 1000) : message);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    record PendingEvent(UUID id, String topic, String key, String type, String payload, String requestId) {
    }

    public record RelayRound(int published, int failed) {
    }
}
