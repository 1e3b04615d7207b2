package io.lecturevision.video;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationPlanChanged;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.TestJwt;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test fixtures: members' tokens, MP4-shaped files, and auth-service's plan events on the real topic. */
final class Videos {

    private Videos() {
    }

    record Member(String userId, UUID corporationId, String token) {
        RequestSpecification client() {
            return given().auth().oauth2(token);
        }
    }

    static Member member(UUID corporation, String role) {
        String user = UUID.randomUUID().toString();
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        String token = TestJwt.sign(TestJwt.claims(user, role).claim("corporation_id", corporation.toString()), keys);
        return new Member(user, corporation, token);
    }

    /** Bytes that start like an ISO-BMFF (MP4) file: the service checks containers by their first bytes. */
    static byte[] mp4(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static long upload(Member admin, byte[] video, String name) {
        return ((Number) admin.client().multiPart("file", name + ".mp4", video, "video/mp4").multiPart("name", name)
                .when().post("/v1/videos").then().statusCode(201).extract().path("id")).longValue();
    }

    /** Publishes what auth-service would: corporation.plan-changed for {@code corporation}, built from its contract. */
    static RecordMetadata planChanged(UUID eventId, UUID corporation, String plan, Instant expiresAt, Instant occurredAt)
            throws Exception {
        CorporationPlanChanged change = new CorporationPlanChanged(corporation, "Corp",
                CorporationPlanChanged.Plan.valueOf(plan), expiresAt, null, CorporationPlanChanged.Reason.UPDATED);
        String event = CloudEvents.json(eventId, "auth-service", Contracts.CORPORATION_PLAN_CHANGED, corporation.toString(),
                occurredAt, change);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)))) {
            return producer.send(new ProducerRecord<>(Contracts.CORPORATION_PLAN_CHANGED, corporation.toString(), event)).get();
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
