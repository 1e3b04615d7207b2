package io.lecturevision.common.event;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The service's Kafka clients: one shared producer (idempotent, acks=all) for dead letters, the
 * outbox relay's transactional producers, consumers on demand. Every client logs in as the service's
 * principal ({@code lv.events.username}) with SASL SCRAM-SHA-512.
 */
@ApplicationScoped
public class KafkaClients {

    private final EventsConfig config;
    private final String clientId;
    private volatile Producer<String, String> producer;
    private volatile Admin admin;

    public KafkaClients(EventsConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.clientId = applicationName;
    }

    public Producer<String, String> producer() {
        Producer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerProperties());
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * A producer whose sends become visible to read-committed consumers only when its transaction
     * commits; the caller owns it. Starting it fences (and aborts the open transaction of) any
     * earlier producer with the same {@code transactionalId}.
     */
    public Producer<String, String> newTransactionalProducer(String transactionalId) {
        Map<String, Object> props = producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        Producer<String, String> transactional = new KafkaProducer<>(props);
        try {
            transactional.initTransactions();
        } catch (RuntimeException e) {
            transactional.close(Duration.ZERO);
            throw e;
        }
        return transactional;
    }

    public KafkaConsumer<String, String> newConsumer(String groupId) {
        Map<String, Object> props = authenticated();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    public Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = authenticated();
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    private Map<String, Object> producerProperties() {
        int timeoutMs = (int) config.sendTimeout().toMillis();
        Map<String, Object> props = authenticated();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    /** The broker's address and the service's SCRAM login, which every client of the service starts from. */
    private Map<String, Object> authenticated() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putAll(scramLogin(config.username(), config.password()));
        return props;
    }

    /** Client settings that log in as {@code username} with SASL SCRAM-SHA-512 (over plaintext, as the suite's broker listens). */
    public static Map<String, Object> scramLogin(String username, String password) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName() + " required username=\""
                        + jaasQuoted(username) + "\" password=\"" + jaasQuoted(password) + "\";");
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
