package io.lecturevision.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.auth.service.CorporationService;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationPlanChanged;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class CorporationsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    CorporationService corporations;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventContracts contracts;

    @Test
    void platformAdminManagesCorporationsAndGuestsCannot() {
        String admin = Api.adminToken();
        String name = "Acme " + UUID.randomUUID();
        String id = Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "plan_type", "PAID", "plan_expired_at", "2030-01-01T00:00:00Z"))
                .when().post("/v1/corporations").then().statusCode(201)
                .body("plan_type", equalTo("PAID")).body("plan_expired_at", equalTo("2030-01-01T00:00:00Z"))
                .extract().path("id");
        Api.as(admin).when().get("/v1/corporations/" + id).then().statusCode(200).body("name", equalTo(name));
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("name", name, "plan_type", "FREE"))
                .when().post("/v1/corporations").then().statusCode(400);
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("plan_type", "FREE"))
                .when().put("/v1/corporations/" + id).then().statusCode(200)
                .body("plan_type", equalTo("FREE")).body("plan_expired_at", equalTo(null));

        String guestEmail = Api.uniqueEmail("corp-guest");
        Api.registerGuest(guestEmail, "password123");
        String guest = Api.accessToken(guestEmail, "password123");
        Api.as(guest).when().get("/v1/corporations").then().statusCode(403);
        Api.as(guest).when().get("/v1/corporations/" + id).then().statusCode(404);
        Api.as(guest).contentType(ContentType.JSON).body(Map.of("name", "Mine", "plan_type", "PAID"))
                .when().post("/v1/corporations").then().statusCode(403);

        Api.as(admin).when().delete("/v1/corporations/" + id).then().statusCode(204);
        Api.as(admin).when().get("/v1/corporations/" + id).then().statusCode(404);
    }

    @Test
    void anAdminOfACorporationManagesOnlyItsUsers() {
        String admin = Api.adminToken();
        String corp = createCorporation(admin, "PAID", Instant.parse("2031-01-01T00:00:00Z"));
        String otherCorp = createCorporation(admin, "FREE", null);
        String corpAdminEmail = Api.uniqueEmail("corp-admin");
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("email", corpAdminEmail, "password", "password123",
                "role", "admin", "corporation_id", corp)).when().post("/v1/users").then().statusCode(201);
        String outsider = Api.as(admin).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("outsider"),
                "password", "password123", "corporation_id", otherCorp)).when().post("/v1/users").then().statusCode(201)
                .extract().path("id");

        String corpAdmin = Api.accessToken(corpAdminEmail, "password123");
        String member = Api.as(corpAdmin).contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("member"), "password", "password123"))
                .when().post("/v1/users").then().statusCode(201).body("corporation_id", equalTo(corp)).extract().path("id");
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().put("/v1/users/" + member).then().statusCode(200).body("role", equalTo("admin"));
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("name", "Not yours"))
                .when().put("/v1/users/" + outsider).then().statusCode(404);
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("corporation_id", otherCorp))
                .when().put("/v1/users/" + member).then().statusCode(403);
        Api.as(corpAdmin).when().get("/v1/corporations/" + corp).then().statusCode(200);
        Api.as(corpAdmin).when().get("/v1/corporations/" + otherCorp).then().statusCode(404);
    }

    @Test
    void planChangesAreAnnounced() throws Exception {
        try (TopicReader topic = new TopicReader(Brokers.direct(), Contracts.CORPORATION_PLAN_CHANGED)) {
            String admin = Api.adminToken();
            String id = createCorporation(admin, "FREE", null);
            Api.as(admin).contentType(ContentType.JSON).body(Map.of("plan_type", "PAID", "plan_expired_at", "2032-05-01T00:00:00Z"))
                    .when().put("/v1/corporations/" + id).then().statusCode(200);
            Api.as(admin).contentType(ContentType.JSON).body(Map.of("name", "Renamed " + id))
                    .when().put("/v1/corporations/" + id).then().statusCode(200);

            EventEnvelope created = envelope(topic.await(r -> id.equals(r.key()) && r.value().contains("\"created\""), WAIT));
            assertEquals("FREE", created.data().path("planType").asText());
            EventEnvelope upgraded = envelope(topic.await(r -> id.equals(r.key()) && r.value().contains("\"updated\""), WAIT));
            assertEquals(Contracts.CORPORATION_PLAN_CHANGED, upgraded.type());
            assertEquals("PAID", upgraded.data().path("planType").asText());
            assertEquals("FREE", upgraded.data().path("previousPlanType").asText());
            assertEquals("2032-05-01T00:00:00Z", upgraded.data().path("planExpiredAt").asText());
            awaitOutboxDrained();
            assertEquals(2, topic.readToEnd(WAIT).stream().filter(r -> id.equals(r.key())).count(),
                    "a rename is not a plan change");
        }
    }

    @Test
    void expiryJobFlipsExactlyTheExpiredPlansOnceEvenWhenRunTwiceAtOnce() throws Exception {
        String admin = Api.adminToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expired = createCorporation(admin, "PAID", now.minus(1, ChronoUnit.HOURS));
        String current = createCorporation(admin, "PAID", now.plus(30, ChronoUnit.DAYS));
        String free = createCorporation(admin, "FREE", null);
        try (TopicReader topic = new TopicReader(Brokers.direct(), Contracts.CORPORATION_PLAN_CHANGED)) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<List<UUID>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return corporations.expirePaidPlans(Instant.now());
                }));
            }
            List<UUID> flipped = new ArrayList<>();
            for (CompletableFuture<List<UUID>> run : runs) {
                flipped.addAll(run.get());
            }
            assertEquals(1, flipped.stream().filter(id -> id.toString().equals(expired)).count());
            assertTrue(flipped.stream().noneMatch(id -> id.toString().equals(current) || id.toString().equals(free)));

            assertEquals("FREE", Db.scalar(dataSource, "SELECT plan_type FROM corporation WHERE id = ?", UUID.fromString(expired)));
            assertEquals("PAID", Db.scalar(dataSource, "SELECT plan_type FROM corporation WHERE id = ?", UUID.fromString(current)));

            EventEnvelope event = envelope(topic.await(r -> expired.equals(r.key()), WAIT));
            assertEquals("expired", event.data().path("reason").asText());
            assertEquals("FREE", event.data().path("planType").asText());
            assertEquals("PAID", event.data().path("previousPlanType").asText());
            awaitOutboxDrained();
            List<ConsumerRecord<String, String>> records = topic.readToEnd(WAIT);
            assertEquals(1, records.stream().filter(r -> expired.equals(r.key())).count());
            assertEquals(0, records.stream().filter(r -> current.equals(r.key()) || free.equals(r.key())).count());
        }
    }

    private void awaitOutboxDrained() {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL") == 0);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event, after checking that its data holds to the topic's contract. */
    private EventEnvelope envelope(ConsumerRecord<String, String> record) throws Exception {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        assertEquals(event.subject(), contracts.read(event, CorporationPlanChanged.class).corporationId().toString());
        return event;
    }

    private static String createCorporation(String admin, String plan, Instant expiry) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Corp " + UUID.randomUUID(), "plan_type", plan));
        if (expiry != null) {
            body.put("plan_expired_at", expiry.toString());
        }
        return Api.as(admin).contentType(ContentType.JSON).body(body).when().post("/v1/corporations")
                .then().statusCode(201).extract().path("id");
    }
}
