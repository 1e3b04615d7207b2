package io.lecturevision.upload;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.PeopleCounted;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.ConsumerGroups;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** people.counted events, as vision-service will publish them, on the real topic. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PeopleCountedTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aCountUpdatesTheUploadAndARedeliveredOneChangesNothing() throws Exception {
        String token = Uploads.token(Uploads.newUser());
        long id = ((Number) Uploads.signed(token, Uploads.jpeg(64, 64, 3), "a.jpg", "image/jpeg", "5", "k-" + UUID.randomUUID())
                .when().post("/upload").then().statusCode(200).extract().path("id")).longValue();
        UUID eventId = UUID.randomUUID();
        try (TopicReader topic = new TopicReader(Brokers.direct(), Contracts.PEOPLE_COUNTED);
             KafkaProducer<String, String> producer = producer()) {
            producer.send(record(id, eventId, 4, "centernet-v1")).get();
            await().atMost(WAIT).untilAsserted(() -> Uploads.client(token).when().get("/uploads/" + id).then()
                    .body("count_status", equalTo("done")).body("detected_count", equalTo(4))
                    .body("count_model", equalTo("centernet-v1")).body("people_count", equalTo(5)));

            // Redelivered (same event id) with different content: must not be applied again.
            producer.send(record(id, eventId, 40, "tampered")).get();
            ConsumerRecord<String, String> redelivered = topic.readToEnd(WAIT).stream()
                    .filter(r -> r.value().contains("tampered")).findFirst().orElseThrow();
            ConsumerGroups.awaitCommittedPast("upload-service-test.people-counted", redelivered, WAIT);
            Uploads.client(token).when().get("/uploads/" + id).then()
                    .body("detected_count", equalTo(4)).body("count_model", equalTo("centernet-v1"));

            producer.send(new ProducerRecord<>(Contracts.PEOPLE_COUNTED, Long.toString(id), envelope(id, UUID.randomUUID(),
                    new PeopleCounted(id, null, PeopleCounted.Status.FAILED, "centernet-v1", 12L, "decode")))).get();
            await().atMost(WAIT).untilAsserted(() -> Uploads.client(token).when().get("/uploads/" + id).then()
                    .body("count_status", equalTo("failed")).body("detected_count", equalTo(null)));
        }
    }

    private static ProducerRecord<String, String> record(long uploadId, UUID eventId, int count, String model) {
        return new ProducerRecord<>(Contracts.PEOPLE_COUNTED, Long.toString(uploadId), envelope(uploadId, eventId,
                new PeopleCounted(uploadId, count, PeopleCounted.Status.DONE, model, 34L, null)));
    }

    /** What vision-service sends: its contract record in a CloudEvent. */
    private static String envelope(long uploadId, UUID eventId, PeopleCounted data) {
        return CloudEvents.json(eventId, "vision-service", Contracts.PEOPLE_COUNTED, Long.toString(uploadId),
                Instant.parse("2026-11-22T10:00:00Z"), data);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)));
    }
}
