package io.lecturevision.video;

import io.lecturevision.common.testing.ConsumerGroups;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class VideoCrudTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void adminsManageMembersWatchAndOtherCorporationsSeeNothing() {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        Videos.Member guest = Videos.member(corp, "guest");
        Videos.Member outsider = Videos.member(UUID.randomUUID(), "admin");

        long id = ((Number) admin.client().multiPart("file", "lecture.mp4", Videos.mp4(200_000, 1), "application/octet-stream")
                .multiPart("name", "Lecture 1").when().post("/v1/videos").then().statusCode(201)
                .body("name", equalTo("Lecture 1")).body("content_type", equalTo("video/mp4"))
                .body("size", equalTo(200_000)).body("corporation_id", equalTo(corp.toString()))
                .body("file_path", startsWith("s3://lv-videos-test/videos/" + corp + "/"))
                .body("deleted", equalTo(false)).extract().path("id")).longValue();

        guest.client().when().get("/v1/videos").then().statusCode(200).body("id", hasItem((int) id));
        guest.client().when().get("/v1/videos/" + id).then().statusCode(200);
        guest.client().multiPart("file", "x.mp4", Videos.mp4(1000, 2), "video/mp4").when().post("/v1/videos")
                .then().statusCode(403);
        guest.client().contentType(ContentType.JSON).body(Map.of("name", "Mine now")).when().put("/v1/videos/" + id)
                .then().statusCode(403);

        outsider.client().when().get("/v1/videos/" + id).then().statusCode(404);
        outsider.client().when().get("/v1/videos").then().statusCode(200).body("id", not(hasItem((int) id)));
        outsider.client().when().get("/v1/videos/stream/" + id).then().statusCode(404);
        outsider.client().when().delete("/v1/videos/" + id).then().statusCode(404);

        admin.client().contentType(ContentType.JSON).body(Map.of("name", "Lecture 1 (revised)"))
                .when().put("/v1/videos/" + id).then().statusCode(200).body("name", equalTo("Lecture 1 (revised)"));
    }

    @Test
    void onlyVideoContentIsAcceptedWhateverTheDeclaredType() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        admin.client().multiPart("file", "notes.mp4", "just some text, not a video".getBytes(), "video/mp4")
                .when().post("/v1/videos").then().statusCode(415).body("detail", startsWith("Only video files"));
        byte[] webm = Videos.mp4(5000, 3);
        System.arraycopy(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 'w', 'e', 'b', 'm'}, 0, webm, 0, 8);
        admin.client().multiPart("file", "clip.bin", webm, "application/octet-stream").when().post("/v1/videos")
                .then().statusCode(201).body("content_type", equalTo("video/webm"));
    }

    @Test
    void softDeleteHidesAVideoFromListsAndStreams() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        long id = Videos.upload(admin, Videos.mp4(10_000, 4), "to-delete");
        admin.client().when().delete("/v1/videos/" + id).then().statusCode(204);
        admin.client().when().get("/v1/videos").then().body("id", not(hasItem((int) id)));
        admin.client().when().get("/v1/videos/" + id).then().statusCode(404);
        admin.client().when().get("/v1/videos/stream/" + id).then().statusCode(404);
    }

    @Test
    void restoreNeedsAPaidPlanThatHasNotExpiredAndFollowsPlanEvents() throws Exception {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        long id = Videos.upload(admin, Videos.mp4(10_000, 5), "restorable");
        admin.client().when().delete("/v1/videos/" + id).then().statusCode(204);

        admin.client().when().post("/v1/videos/" + id + "/restore").then().statusCode(403)
                .body("detail", containsString("not known yet"));

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Videos.planChanged(UUID.randomUUID(), corp, "FREE", null, t0);
        await().atMost(WAIT).untilAsserted(() -> admin.client().when().post("/v1/videos/" + id + "/restore").then()
                .statusCode(403).body("detail", containsString("FREE plan")));

        Videos.planChanged(UUID.randomUUID(), corp, "PAID", t0.minus(1, ChronoUnit.DAYS), t0.plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> admin.client().when().post("/v1/videos/" + id + "/restore").then()
                .statusCode(403).body("detail", containsString("expired")));

        Videos.member(corp, "guest").client().when().post("/v1/videos/" + id + "/restore").then().statusCode(403);

        Videos.planChanged(UUID.randomUUID(), corp, "PAID", t0.plus(30, ChronoUnit.DAYS), t0.plusSeconds(2));
        await().atMost(WAIT).untilAsserted(() -> admin.client().when().post("/v1/videos/" + id + "/restore").then()
                .statusCode(200).body("deleted", equalTo(false)));
        admin.client().when().get("/v1/videos/" + id).then().statusCode(200);
    }

    @Test
    void aRedeliveredOrOlderPlanEventChangesNothing() throws Exception {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        long id = Videos.upload(admin, Videos.mp4(10_000, 6), "redelivery");
        admin.client().when().delete("/v1/videos/" + id).then().statusCode(204);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID paidEvent = UUID.randomUUID();
        Videos.planChanged(paidEvent, corp, "PAID", t0.plus(30, ChronoUnit.DAYS), t0);
        Videos.planChanged(UUID.randomUUID(), corp, "FREE", null, t0.plusSeconds(5));
        await().atMost(WAIT).untilAsserted(() -> admin.client().when().post("/v1/videos/" + id + "/restore").then()
                .statusCode(403).body("detail", containsString("FREE plan")));

        // The PAID event again (same id), then an older one with a new id: neither may turn the plan back.
        RecordMetadata redelivered = Videos.planChanged(paidEvent, corp, "PAID", t0.plus(30, ChronoUnit.DAYS), t0);
        RecordMetadata stale = Videos.planChanged(UUID.randomUUID(), corp, "PAID", t0.plus(30, ChronoUnit.DAYS), t0.plusSeconds(1));
        awaitConsumed(redelivered);
        awaitConsumed(stale);
        admin.client().when().post("/v1/videos/" + id + "/restore").then().statusCode(403)
                .body("detail", containsString("FREE plan"));
    }

    private static void awaitConsumed(RecordMetadata metadata) {
        ConsumerRecord<String, String> position = new ConsumerRecord<>(metadata.topic(), metadata.partition(),
                metadata.offset(), null, null);
        ConsumerGroups.awaitCommittedPast("video-service-test.corporation-plans", position, WAIT);
    }
}
