package io.lecturevision.common.event;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.request.RequestIds;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka in the order they were written and marks them sent.
 * One instance of a service relays at a time ({@link OutboxLeadership}: an advisory lock on a
 * dedicated session, taken over within a poll interval when its holder dies), so events of one
 * aggregate reach their partition in commit order however many instances run. No row lock and no
 * pooled connection is held while the broker is waited on, and that wait is bounded by
 * {@code lv.events.send-timeout}. Each batch is one Kafka transaction (consumers read committed),
 * so a batch is seen whole or not at all. Woken right after each commit that wrote an event and every
 * {@code outbox-poll-interval}. Delivery is at least once: a crash between publish and mark
 * publishes the row again, and the consumers skip the event id they have already applied.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String HEADER_EVENT_ID = "lv-event-id";
    static final String HEADER_EVENT_TYPE = "lv-event-type";
    static final String HEADER_CONTENT_TYPE = "content-type";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final KafkaClients kafka;
    private final EventsConfig config;
    private final ManagedExecutor executor;
    private final TopicDeclarations topics;
    private final OutboxLeadership leadership;
    private final Timer publishLatency;
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicLong oldestPendingAgeMs = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final String transactionalId;
    /** Guarded by this relay: rounds never overlap inside one instance. */
    private Producer<String, String> relayProducer;

    @Inject
    public OutboxRelay(AgroalDataSource dataSource, KafkaClients kafka, EventsConfig config, ManagedExecutor executor,
                       TopicDeclarations topics, MeterRegistry registry, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
        this.executor = executor;
        this.topics = topics;
        // One transactional id per service: a relay that takes over fences the one before it, whose
        // open transaction is aborted, so a relay that lost its lock cannot commit anything after.
        this.transactionalId = transactionalIdOf(service);
        this.leadership = new OutboxLeadership(jdbcUrl, user.orElse(null), password.orElse(null),
                service + "@" + ProcessHandle.current().pid() + "#" + Integer.toHexString(System.identityHashCode(this)));
        this.publishLatency = Timer.builder("lv.events.relay.publish")
                .description("From handing an outbox row to the producer to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("lv.events.outbox.backlog.rows", backlogRows, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("lv.events.outbox.backlog.oldest.age", oldestPendingAgeMs, ms -> ms.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row").baseUnit("seconds").register(registry);
    }

    /** The Kafka transactional id of {@code service}'s relay (a deployment grants it a Write ACL). */
    public static String transactionalIdOf(String service) {
        return service + "-outbox-relay";
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

    @Scheduled(every = "${lv.events.outbox-backlog-interval:10s}", identity = "outbox-backlog",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*), min(created_at) FROM outbox_event WHERE sent_at IS NULL");
             ResultSet row = query.executeQuery()) {
            row.next();
            backlogRows.set(row.getLong(1));
            Timestamp oldest = row.getTimestamp(2);
            oldestPendingAgeMs.set(oldest == null ? 0
                    : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis()));
        } catch (SQLException e) {
            LOG.debugf("Outbox backlog not measured: %s", e.getMessage());
        }
    }

    /** Asks for a relay round; rounds never overlap inside one instance. */
    public void wakeUp() {
        wakeUpPending.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Whether this instance holds the relay lock now. */
    public boolean leads() {
        return leadership.leads();
    }

    /** Lets go of the relay lock and leaves it to the other instances for one poll interval. */
    public void resign() {
        leadership.stepDown(config.outboxPollInterval());
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

    /**
     * When this instance leads: reads the oldest pending rows and publishes them in one Kafka
     * transaction, waiting (bounded) for the broker; marks them sent only once it committed. A
     * batch that fails anywhere is aborted whole, so a later event of a key never becomes visible
     * before an earlier one that failed: the next round sends the batch again from its first row.
     */
    public synchronized RelayRound relayBatch() {
        Connection session = leadership.lead();
        if (session == null) {
            return new RelayRound(0, 0);
        }
        try {
            List<PendingEvent> pending = readPending(session);
            if (pending.isEmpty()) {
                return new RelayRound(0, 0);
            }
            try {
                topics.declareAll();
                publishInOneTransaction(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropProducer();
                return new RelayRound(0, pending.size());
            } catch (Exception e) {
                // Whatever failed (the broker away, a timeout, this producer fenced by a newer relay),
                // none of the batch is visible to consumers; a fresh producer aborts what is left open.
                dropProducer();
                recordFailure(session, pending.get(0).id(), e);
                LOG.warnf("Outbox relay: a batch of %d left pending, to be sent again (%s)", pending.size(),
                        describe(e));
                return new RelayRound(0, pending.size());
            }
            markPublished(session, pending.stream().map(PendingEvent::id).toList());
            LOG.debugf("Outbox relay: %d published", pending.size());
            return new RelayRound(pending.size(), 0);
        } catch (SQLException e) {
            LOG.warnf("Outbox relay lost its database session: %s", e.getMessage());
            leadership.lost();
            return new RelayRound(0, 1);
        }
    }

    private void publishInOneTransaction(List<PendingEvent> pending) throws Exception {
        Producer<String, String> producer = transactionalProducer();
        producer.beginTransaction();
        List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
        for (PendingEvent event : pending) {
            sends.add(publish(producer, event));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> send : sends) {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        producer.commitTransaction();
    }

    private Producer<String, String> transactionalProducer() {
        if (relayProducer == null) {
            relayProducer = kafka.newTransactionalProducer(transactionalId);
        }
        return relayProducer;
    }

    private void dropProducer() {
        if (relayProducer != null) {
            relayProducer.close(Duration.ZERO);
            relayProducer = null;
        }
    }

    private static String describe(Exception failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Sends one row as a structured-mode CloudEvent, headers included; marking it sent is the caller's part. */
    private Future<RecordMetadata> publish(Producer<String, String> producer, PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(utf8(HEADER_CONTENT_TYPE, EventEnvelope.STRUCTURED_CONTENT_TYPE));
        record.headers().add(utf8(HEADER_EVENT_ID, event.id().toString()));
        record.headers().add(utf8(HEADER_EVENT_TYPE, event.type()));
        if (event.requestId() != null) {
            record.headers().add(utf8(RequestIds.HEADER, event.requestId()));
        }
        long started = System.nanoTime();
        return producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                publishLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        });
    }

    private List<PendingEvent> readPending(Connection session) throws SQLException {
        try (PreparedStatement select = session.prepareStatement("""
                SELECT id, topic, event_key, event_type, payload, request_id FROM outbox_event
                WHERE sent_at IS NULL ORDER BY seq LIMIT ?""")) {
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

    private static void markPublished(Connection session, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = session.prepareStatement(
                "UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY (?)")) {
            update.setArray(1, session.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    private static void recordFailure(Connection session, UUID id, Exception failure) throws SQLException {
        String message = describe(failure);
        try (PreparedStatement update = session.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            update.setString(1, message.length() > 1000 ? message.substring(0, 1000) : message);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private static RecordHeader utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    synchronized void close() {
        dropProducer();
        leadership.close();
    }

    record PendingEvent(UUID id, String topic, String key, String type, String payload, String requestId) {
    }

    public record RelayRound(int published, int failed) {
    }
}
