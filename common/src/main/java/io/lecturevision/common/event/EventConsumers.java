package io.lecturevision.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.ConsumerStatus.State;
import io.lecturevision.common.request.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every {@link EventHandler} bean on its own supervised Kafka consumer thread.
 * <ul>
 * <li>An offset is committed only after its record is applied, skipped as a duplicate, or
 * dead-lettered, so nothing is lost on a crash.</li>
 * <li>A record that can never succeed (not an event envelope, data invalid against its contract,
 * or a handler's {@link PermanentEventFailure}) goes to {@code <topic>.dlt} at once with the reason
 * in its headers. Any other failure is retried with capped exponential backoff for as long as it
 * lasts; meanwhile the consumer reports {@link State#RETRYING} and readiness is DOWN.</li>
 * <li>A thread that dies (an error, a failed commit after a rebalance, ...) is started again after
 * a backoff that doubles per death.</li>
 * </ul>
 */
@ApplicationScoped
public class EventConsumers {

    public static final String HEADER_DLT_REASON = "lv-dlt-reason";
    public static final String HEADER_DLT_EXCEPTION = "lv-dlt-exception";
    public static final String HEADER_DLT_CONSUMER = "lv-dlt-consumer";
    public static final String HEADER_DLT_ORIGIN = "lv-dlt-origin";
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Instance<EventHandler> handlers;
    private final KafkaClients kafka;
    private final EventsConfig config;
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final EventContracts contracts;
    private final TopicDeclarations topics;
    private final MeterRegistry registry;
    private final List<ConsumerLoop> loops = new ArrayList<>();

    public EventConsumers(@Any Instance<EventHandler> handlers, KafkaClients kafka, EventsConfig config,
                          AgroalDataSource dataSource, ObjectMapper mapper, EventContracts contracts,
                          TopicDeclarations topics, MeterRegistry registry) {
        this.handlers = handlers;
        this.kafka = kafka;
        this.config = config;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.contracts = contracts;
        this.topics = topics;
        this.registry = registry;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumersEnabled()) {
            LOG.info("Event consumers disabled (lv.events.consumers-enabled=false)");
            return;
        }
        for (EventHandler handler : handlers) {
            ConsumerLoop loop = new ConsumerLoop(handler);
            loops.add(loop);
            Thread thread = new Thread(loop, "events-" + handler.name());
            thread.setDaemon(true);
            loop.thread = thread;
            thread.start();
            LOG.infof("Consuming %s with %s (group %s)", handler.topic(), handler.name(), loop.groupId);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        loops.forEach(ConsumerLoop::stop);
        for (ConsumerLoop loop : loops) {
            try {
                loop.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every consumer of this instance, as of now. */
    public List<ConsumerStatus> statuses() {
        return loops.stream().map(ConsumerLoop::status).toList();
    }

    /** How a record ended: done with (its offset may be committed), or left for whoever owns its partition next. */
    private enum Outcome { SETTLED, ABANDONED }

    /** A Kafka call that timed out or may succeed when retried, anywhere in the cause chain. */
    static boolean brokerNotReachedYet(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private final class ConsumerLoop implements Runnable {

        private final EventHandler handler;
        private final String groupId;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicInteger restarts = new AtomicInteger();
        private final AtomicLong lag = new AtomicLong();
        private final Counter retries;
        private final Counter deadLettered;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, String> consumer;
        private volatile State state = State.STARTING;
        private volatile Set<TopicPartition> assigned = Set.of();
        private volatile String lastError;
        private volatile Instant lastErrorAt;
        /** While an event waits for its next try, partitions assigned meanwhile are paused too. */
        private boolean waiting;
        private Duration restartDelay;
        private Thread thread;

        ConsumerLoop(EventHandler handler) {
            this.handler = handler;
            this.groupId = config.consumerGroupPrefix() + "." + handler.name();
            this.restartDelay = config.consumerRestartBackoff();
            this.retries = Counter.builder("lv.events.consumer.retries")
                    .description("Tries of an event that failed for a passing reason and will be tried again")
                    .tag("consumer", handler.name()).tag("topic", handler.topic()).register(registry);
            this.deadLettered = Counter.builder("lv.events.dead.lettered")
                    .description("Records sent to the dead-letter topic")
                    .tag("consumer", handler.name()).tag("topic", handler.topic()).register(registry);
            Gauge.builder("lv.events.consumer.lag", lag, AtomicLong::get)
                    .description("Records on the consumer's partitions not yet read, as of its last poll")
                    .tag("consumer", handler.name()).tag("topic", handler.topic()).register(registry);
            Gauge.builder("lv.events.consumer.restarts", restarts, AtomicInteger::get)
                    .description("Times the consumer's thread died and was started again")
                    .tag("consumer", handler.name()).tag("topic", handler.topic()).register(registry);
        }

        ConsumerStatus status() {
            List<String> partitions = assigned.stream()
                    .map(p -> p.topic() + "-" + p.partition()).sorted().toList();
            return new ConsumerStatus(handler.name(), handler.topic(), state, partitions, lastError, lastErrorAt,
                    restarts.get(), lag.get());
        }

        void stop() {
            running = false;
            stopped.countDown();
            KafkaConsumer<String, String> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        /** The supervisor: runs the consumer, and starts it again with a growing pause when it dies. */
        @Override
        public void run() {
            while (running) {
                try {
                    state = State.STARTING;
                    consume();
                } catch (WakeupException e) {
                    if (running) {
                        died(e);
                    }
                } catch (Throwable e) { // an Error too: the supervisor is what keeps the consumer alive
                    if (running) {
                        died(e);
                    }
                }
            }
            state = State.STOPPED;
        }

        private void died(Throwable e) {
            state = State.RESTARTING;
            noteError(e);
            restarts.incrementAndGet();
            if (brokerNotReachedYet(e)) {
                // Routine while the broker starts or is busy (a service's start under load): no stack trace.
                LOG.warnf("Consumer %s could not reach the broker (%s); starting it again in %s", groupId,
                        e.getMessage(), restartDelay);
            } else {
                LOG.errorf(e, "Consumer %s died; starting it again in %s", groupId, restartDelay);
            }
            pause(restartDelay);
            restartDelay = min(restartDelay.multipliedBy(2), config.consumerRestartBackoffMax());
        }

        private void consume() {
            topics.declareAll();
            try (KafkaConsumer<String, String> c = kafka.newConsumer(groupId)) {
                consumer = c;
                c.subscribe(List.of(handler.topic()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        assigned = Set.copyOf(c.assignment().stream().filter(p -> !partitions.contains(p)).toList());
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        if (waiting) {
                            c.pause(partitions);
                        }
                        assigned = Set.copyOf(c.assignment());
                    }
                });
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    if (state == State.STARTING && !c.assignment().isEmpty()) {
                        state = State.RUNNING;
                    }
                    updateLag(c);
                    for (TopicPartition partition : records.partitions()) {
                        for (ConsumerRecord<String, String> record : records.records(partition)) {
                            if (!running || !c.assignment().contains(partition)
                                    || settle(c, record) == Outcome.ABANDONED) {
                                break;
                            }
                            c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        }
                    }
                }
            } finally {
                consumer = null;
                assigned = Set.of();
            }
        }

        private void updateLag(KafkaConsumer<String, String> c) {
            long total = 0;
            for (TopicPartition partition : c.assignment()) {
                OptionalLong partitionLag = c.currentLag(partition);
                total += partitionLag.orElse(0);
            }
            lag.set(total);
        }

        private Outcome settle(KafkaConsumer<String, String> c, ConsumerRecord<String, String> record) {
            EventEnvelope event;
            try {
                event = mapper.readValue(record.value(), EventEnvelope.class);
                contracts.checkEnvelope(event);
            } catch (Exception e) {
                LOG.warnf("Record %s-%d@%d is not an event envelope: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return deadLetter(c, record, e);
            }
            String requestId = event.requestId() != null ? event.requestId() : header(record, RequestIds.HEADER);
            if (requestId != null) {
                MDC.put(RequestIds.MDC_KEY, requestId);
            }
            try {
                try {
                    contracts.checkData(event, handler.contract());
                } catch (ContractViolation e) {
                    LOG.warnf("Event %s (%s) breaks its contract: %s", event.id(), event.type(), e.getMessage());
                    return deadLetter(c, record, e);
                }
                Duration backoff = config.consumerRetryBackoff();
                while (running) {
                    try {
                        boolean applied = applyOnce(event);
                        LOG.debugf("%s %s event %s", handler.name(), applied ? "applied" : "skipped duplicate", event.id());
                        recovered();
                        return Outcome.SETTLED;
                    } catch (Exception e) {
                        Error fatal = errorIn(e);
                        if (fatal != null) {
                            throw fatal; // the thread's state is suspect: the supervisor starts a fresh consumer
                        }
                        if (isPermanent(e)) {
                            LOG.warnf("%s rejects event %s (%s) for good: %s", handler.name(), event.id(), event.type(),
                                    e.toString());
                            return deadLetter(c, record, e);
                        }
                        retrying(e);
                        LOG.warnf("%s failed on event %s (%s); trying again in %s: %s", handler.name(), event.id(),
                                event.type(), backoff, e.toString());
                        if (!waitPolling(c, backoff, new TopicPartition(record.topic(), record.partition()))) {
                            return Outcome.ABANDONED;
                        }
                        backoff = min(backoff.multipliedBy(2), config.consumerRetryBackoffMax());
                    }
                }
                return Outcome.ABANDONED;
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }

        private boolean applyOnce(EventEnvelope event) {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                return QuarkusTransaction.requiringNew()
                        .timeout(Math.toIntExact(Math.max(1, handler.transactionTimeout().toSeconds()))).call(() -> {
                    if (!markProcessed(event)) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
            } finally {
                requestContext.terminate();
            }
        }

        private boolean markProcessed(EventEnvelope event) throws Exception {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                insert.setString(1, handler.name());
                insert.setObject(2, event.id());
                insert.setString(3, event.type());
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                return insert.executeUpdate() == 1;
            }
        }

        /** Sends the record to the dead-letter topic, retrying while the broker refuses. */
        private Outcome deadLetter(KafkaConsumer<String, String> c, ConsumerRecord<String, String> record,
                                   Exception reason) {
            String topic = record.topic() + config.deadLetterSuffix();
            ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.key(), record.value());
            for (Header header : record.headers()) {
                dead.headers().add(header);
            }
            Throwable cause = reason.getCause() != null && reason.getMessage() == null ? reason.getCause() : reason;
            String message = String.valueOf(cause.getMessage());
            dead.headers().add(utf8(HEADER_DLT_REASON, message.length() > 2000 ? message.substring(0, 2000) : message));
            dead.headers().add(utf8(HEADER_DLT_EXCEPTION, cause.getClass().getName()));
            dead.headers().add(utf8(HEADER_DLT_CONSUMER, handler.name()));
            dead.headers().add(utf8(HEADER_DLT_ORIGIN, record.topic() + "-" + record.partition() + "@" + record.offset()));
            Duration backoff = config.consumerRetryBackoff();
            while (running) {
                try {
                    kafka.producer().send(dead).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    deadLettered.increment();
                    LOG.warnf("Dead-lettered %s-%d@%d to %s", record.topic(), record.partition(), record.offset(), topic);
                    recovered();
                    return Outcome.SETTLED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.ABANDONED;
                } catch (Exception e) {
                    retrying(e);
                    LOG.errorf("Could not dead-letter %s-%d@%d; trying again in %s: %s", record.topic(),
                            record.partition(), record.offset(), backoff, e.toString());
                    if (!waitPolling(c, backoff, new TopicPartition(record.topic(), record.partition()))) {
                        return Outcome.ABANDONED;
                    }
                    backoff = min(backoff.multipliedBy(2), config.consumerRetryBackoffMax());
                }
            }
            return Outcome.ABANDONED;
        }

        /**
         * Waits {@code duration} while still polling (with every partition paused), so the group keeps
         * this member. False when it was stopped or lost {@code partition} to a rebalance meanwhile.
         */
        private boolean waitPolling(KafkaConsumer<String, String> c, Duration duration, TopicPartition partition) {
            long deadline = System.nanoTime() + duration.toNanos();
            waiting = true;
            c.pause(c.assignment());
            try {
                while (running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    ConsumerRecords<String, String> unexpected =
                            c.poll(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))));
                    for (TopicPartition p : unexpected.partitions()) {
                        c.seek(p, unexpected.records(p).get(0).offset());
                    }
                    if (!c.assignment().contains(partition)) {
                        return false;
                    }
                }
            } finally {
                waiting = false;
                c.resume(c.assignment());
            }
            return running;
        }

        private void retrying(Exception e) {
            state = State.RETRYING;
            noteError(e);
            retries.increment();
        }

        private void recovered() {
            if (state != State.RUNNING) {
                if (state == State.RETRYING) {
                    LOG.infof("Consumer %s recovered", groupId);
                }
                state = State.RUNNING;
            }
            restartDelay = config.consumerRestartBackoff();
        }

        private void noteError(Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            lastErrorAt = Instant.now();
        }

        private void pause(Duration duration) {
            try {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Whether retrying can never help: the handler said so, or the event's data cannot be read as its type. */
    static boolean isPermanent(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof PermanentEventFailure || t instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Error errorIn(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof Error error) {
                return error;
            }
        }
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static RecordHeader utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
