package io.lecturevision.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lecturevision.common.event.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builds the record value a producer would send: a contract record wrapped in a structured-mode CloudEvent. */
public final class CloudEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CloudEvents() {
    }

    public static String json(UUID id, String source, String type, String subject, Instant time, Object data) {
        try {
            return MAPPER.writeValueAsString(EventEnvelope.of(id, source, type, subject, time, MAPPER.valueToTree(data), null));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends {@code data} on {@code topic} as {@code source} would, keyed by {@code subject}, and waits for the ack. */
    public static void publish(String source, String topic, String subject, Object data) throws Exception {
        String event = json(UUID.randomUUID(), source, topic, subject, Instant.now(), data);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)))) {
            producer.send(new ProducerRecord<>(topic, subject, event)).get();
        }
    }
}
