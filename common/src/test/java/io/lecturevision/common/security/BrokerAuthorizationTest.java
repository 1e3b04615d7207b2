package io.lecturevision.common.security;

import io.lecturevision.common.event.OutboxRelay;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserRegistered;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, finding 11: anyone who reached the broker could publish any event (a forged
 * {@code corporation.plan-changed} made a FREE corporation PAID). The real broker of infra/suite now
 * requires each service's SCRAM login and holds the registry's ACLs (infra/kafka/acls.tsv).
 */
class BrokerAuthorizationTest {

    private static final String FORGED_PLAN = "{\"specversion\":\"1.0\",\"type\":\"corporation.plan-changed\","
            + "\"data\":{\"planType\":\"PAID\"}}";

    @Test
    void aServiceCannotPublishATopicAnotherServiceOwns() throws Exception {
        String corporation = UUID.randomUUID().toString();
        try (TopicReader planChanges = new TopicReader(Brokers.direct(), Contracts.CORPORATION_PLAN_CHANGED);
             KafkaProducer<String, String> upload = producer("upload-service")) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> upload.send(
                    new ProducerRecord<>(Contracts.CORPORATION_PLAN_CHANGED, corporation, FORGED_PLAN)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
            assertEquals(List.of(), planChanges.readToEnd(Duration.ofSeconds(30)).stream()
                    .filter(r -> corporation.equals(r.key())).toList(), "the forged plan change reached the topic");
        }
    }

    @Test
    void theOwnerCanPublishItsTopic() throws Exception {
        UUID user = UUID.randomUUID();
        String event = CloudEvents.json(UUID.randomUUID(), "auth-service", Contracts.USER_REGISTERED, user.toString(),
                Instant.now(), new UserRegistered(user, null, "broker-acl-" + user, null, "member", null));
        try (TopicReader registered = new TopicReader(Brokers.direct(), Contracts.USER_REGISTERED);
             KafkaProducer<String, String> auth = producer("auth-service")) {
            RecordMetadata written = auth.send(new ProducerRecord<>(Contracts.USER_REGISTERED, user.toString(), event))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(written.offset() >= 0);
            assertEquals(event, registered.await(r -> user.toString().equals(r.key()), Duration.ofSeconds(30)).value());
        }
    }

    @Test
    void aServiceCannotReadATopicItDoesNotConsume() {
        try (KafkaConsumer<String, String> vision = consumer("vision-service", "vision-service.broker-acl-test")) {
            vision.assign(List.of(new TopicPartition(Contracts.CORPORATION_PLAN_CHANGED, 0)));
            assertThrows(TopicAuthorizationException.class, () -> pollUntilRefused(vision));
        }
    }

    @Test
    void aConsumerReadsWhatItConsumesOnlyInItsOwnGroups() {
        try (KafkaConsumer<String, String> vision = consumer("vision-service", "vision-service.broker-acl-test")) {
            vision.assign(List.of(new TopicPartition(Contracts.LECTURE_IMAGE_UPLOADED, 0)));
            vision.seekToEnd(vision.assignment());
            ConsumerRecords<String, String> read = vision.poll(Duration.ofSeconds(1));
            assertTrue(read.isEmpty());
            vision.commitSync(Duration.ofSeconds(30));
        }
        try (KafkaConsumer<String, String> vision = consumer("vision-service", "video-service.broker-acl-test")) {
            vision.subscribe(List.of(Contracts.LECTURE_IMAGE_UPLOADED));
            assertThrows(GroupAuthorizationException.class, () -> pollUntilRefused(vision));
        }
    }

    @Test
    void aServiceCannotTakeAnotherRelaysTransactionalId() {
        Map<String, Object> settings = Brokers.as("upload-service", Brokers.devPassword("upload-service"), Map.of(
                "transactional.id", OutboxRelay.transactionalIdOf("video-service"), "max.block.ms", 30_000,
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class));
        try (KafkaProducer<String, String> upload = new KafkaProducer<>(settings)) {
            assertThrows(TransactionalIdAuthorizationException.class, upload::initTransactions);
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        try (Admin intruder = Admin.create(Brokers.as("video-service", "guessed", Map.of("default.api.timeout.ms", 30_000)))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> intruder.listTopics().names().get(60, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void aClientWithoutALoginIsNotAnswered() {
        // A plaintext client's first request is no SASL handshake: the broker closes the connection
        // each time, so the client never learns the cluster's metadata.
        try (Admin anonymous = Admin.create(Map.of("bootstrap.servers", Brokers.direct(),
                "default.api.timeout.ms", 3000, "request.timeout.ms", 3000))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> anonymous.listTopics().names().get(60, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
    }

    private static void pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
        throw new AssertionError("the broker never refused the consumer");
    }

    private static KafkaProducer<String, String> producer(String service) {
        return new KafkaProducer<>(Brokers.as(service, Brokers.devPassword(service), Map.of(
                "max.block.ms", 30_000, "delivery.timeout.ms", 30_000, "request.timeout.ms", 15_000,
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)));
    }

    private static KafkaConsumer<String, String> consumer(String service, String group) {
        return new KafkaConsumer<>(Brokers.as(service, Brokers.devPassword(service), Map.of(
                "group.id", group, "enable.auto.commit", false, "auto.offset.reset", "latest",
                "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class)));
    }
}
