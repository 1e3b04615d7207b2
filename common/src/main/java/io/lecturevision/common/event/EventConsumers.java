package io.lecturevision.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.request.RequestIds;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link EventHandler} bean on its own Kafka consumer thread. Offsets are committed only
 * after a record is applied, skipped as a duplicate, or dead-lettered, so nothing is lost on a crash.
 * A record that is not an event envelope, or whose handling keeps failing, goes to
 * {@code <topic>.dlt} with the reason in its headers, and the consumer carries on.
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
    private final List<ConsumerLoop> loops = new ArrayList<>();

    public EventConsumers(@Any Instance<EventHandler> handlers, KafkaClients kafka, EventsConfig config,
                          AgroalDataSource dataSource, ObjectMapper mapper) {
        this.handlers = handlers;
        this.kafka = kafka;
        this.config = config;
        this.dataSource = dataSource;
        this.mapper = mapper;
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

    private final class ConsumerLoop implements Runnable {

        private final EventHandler handler;
        private final String groupId;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, String> consumer;
        private Thread thread;

        ConsumerLoop(EventHandler handler) {
            this.handler = handler;
            this.groupId = config.consumerGroupPrefix() + "." + handler.name();
        }

        void stop() {
            running = false;
            KafkaConsumer<String, String> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, String> c = kafka.newConsumer(groupId)) {
                consumer = c;
                c.subscribe(List.of(handler.topic()));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (TopicPartition partition : records.partitions()) {
                        for (ConsumerRecord<String, String> record : records.records(partition)) {
                            if (!running) {
                                break;
                            }
                            if (!processUntilSettled(record)) {
                                // Could not even dead-letter: rewind this partition so the record comes back.
                                c.seek(partition, record.offset());
                                sleep(config.consumerRetryBackoff().multipliedBy(10));
                                break;
                            }
                            c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        }
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    LOG.error("Consumer " + groupId + " woken unexpectedly", e);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Consumer %s stopped", groupId);
            }
        }

        /** True when the record is done with (applied, duplicate, or dead-lettered). */
        private boolean processUntilSettled(ConsumerRecord<String, String> record) {
            EventEnvelope event;
            try {
                event = mapper.readValue(record.value(), EventEnvelope.class);
                if (event.id() == null || event.type() == null) {
                    throw new IllegalArgumentException("envelope lacks id or type");
                }
            } catch (Exception e) {
                LOG.warnf("Record %s-%d@%d is not an event envelope: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return deadLetter(record, e);
            }
            String requestId = event.requestId() != null ? event.requestId() : header(record, RequestIds.HEADER);
            if (requestId != null) {
                MDC.put(RequestIds.MDC_KEY, requestId);
            }
            try {
                Exception last = null;
                for (int attempt = 1; attempt <= config.consumerMaxAttempts() && running; attempt++) {
                    try {
                        boolean applied = applyOnce(event);
                        LOG.debugf("%s %s event %s", handler.name(), applied ? "applied" : "skipped duplicate", event.id());
                        return true;
                    } catch (Exception e) {
                        last = e;
                        LOG.warnf("%s failed on event %s (attempt %d of %d): %s", handler.name(), event.id(), attempt,
                                config.consumerMaxAttempts(), e.toString());
                        sleep(config.consumerRetryBackoff().multipliedBy(attempt));
                    }
                }
                if (!running) {
                    return false;
                }
                LOG.errorf(last, "%s gives up on event %s (%s); sending it to the dead-letter topic", handler.name(),
                        event.id(), event.type());
                return deadLetter(record, last);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }

        private boolean applyOnce(EventEnvelope event) {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
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

        private boolean deadLetter(ConsumerRecord<String, String> record, Exception reason) {
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
            try {
                kafka.producer().send(dead).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                LOG.warnf("Dead-lettered %s-%d@%d to %s", record.topic(), record.partition(), record.offset(), topic);
                return true;
            } catch (Exception e) {
                LOG.errorf(e, "Could not dead-letter %s-%d@%d; it will be retried", record.topic(), record.partition(),
                        record.offset());
                return false;
            }
        }
    }

    private static RecordHeader utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
