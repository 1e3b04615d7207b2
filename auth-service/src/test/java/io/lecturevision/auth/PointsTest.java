package io.lecturevision.auth;

import io.lecturevision.common.testing.Brokers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

/** Seed 001's {@code point} on users, from video-service's points.granted events on the real topic. */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class PointsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void grantedPointsAppearOnTheUserAndNeverGoBack() throws Exception {
        String email = Api.uniqueEmail("points");
        String id = Api.registerGuest(email, "password123");
        String token = Api.accessToken(email, "password123");
        Api.as(token).when().get("/v1/users/" + id).then().statusCode(200).body("point", equalTo(0));

        UUID first = UUID.randomUUID();
        publish(first, id, 1, 10, 10);
        publish(UUID.randomUUID(), id, 2, 10, 20);
        await().atMost(WAIT).untilAsserted(() ->
                Api.as(token).when().get("/v1/users/" + id).then().body("point", equalTo(20)));

        // A redelivered event and a late one with an older total change nothing.
        publish(first, id, 1, 10, 10);
        publish(UUID.randomUUID(), id, 1, 10, 10);
        UUID marker = UUID.randomUUID();
        publish(marker, id, 3, 10, 30);
        await().atMost(WAIT).untilAsserted(() ->
                Api.as(token).when().get("/v1/users/" + id).then().body("point", equalTo(30)));
        Api.as(Api.adminToken()).when().get("/v1/users?limit=1000").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.point", equalTo(30));
    }

    private static void publish(UUID eventId, String userId, long videoId, int points, long total) throws Exception {
        String data = "{\"userId\":\"" + userId + "\",\"videoId\":" + videoId + ",\"points\":" + points
                + ",\"total\":" + total + "}";
        String envelope = "{\"id\":\"" + eventId + "\",\"type\":\"points.granted\",\"occurredAt\":\"" + Instant.now()
                + "\",\"source\":\"video-service\",\"subject\":\"" + userId + "\",\"data\":" + data + "}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)))) {
            producer.send(new ProducerRecord<>("points.granted", userId, envelope)).get();
        }
    }
}
