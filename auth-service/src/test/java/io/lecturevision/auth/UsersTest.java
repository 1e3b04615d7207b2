package io.lecturevision.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserDeleted;
import io.lecturevision.common.event.contract.UserRegistered;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class UsersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;

    @Inject
    EventContracts contracts;

    @Test
    void adminCreatesListsAndReadsUsersOnBothRoutes() {
        String admin = Api.adminToken();
        String email = Api.uniqueEmail("created");
        String id = Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "password123", "name", "Created"))
                .when().post("/api/v1/users").then().statusCode(201).body("role", equalTo("guest")).extract().path("id");
        Api.as(admin).when().get("/api/v1/users?limit=1000").then().statusCode(200).body("id", hasItem(id));
        Api.as(admin).when().get("/v1/users/" + id).then().statusCode(200).body("email", equalTo(email));
        Api.as(admin).when().get("/api/v1/users/" + id).then().statusCode(200).body("name", equalTo("Created"));
    }

    @Test
    void aGuestSeesOnlyItself() {
        String email = Api.uniqueEmail("self");
        String id = Api.registerGuest(email, "password123");
        String token = Api.accessToken(email, "password123");
        Api.as(token).when().get("/api/v1/users").then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id));
        String other = Api.registerGuest(Api.uniqueEmail("other"), "password123");
        Api.as(token).when().get("/v1/users/" + other).then().statusCode(404);
    }

    @Test
    void onlyTheUserOrAnAdminMayUpdateOrDelete() {
        String ownerEmail = Api.uniqueEmail("owner");
        String owner = Api.registerGuest(ownerEmail, "password123");
        String strangerEmail = Api.uniqueEmail("stranger");
        Api.registerGuest(strangerEmail, "password123");
        String stranger = Api.accessToken(strangerEmail, "password123");

        Api.as(stranger).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .when().put("/api/v1/users/" + owner).then().statusCode(404).body("detail", equalTo("User not found"));
        Api.as(stranger).when().delete("/api/v1/users/" + owner).then().statusCode(404);

        String ownerToken = Api.accessToken(ownerEmail, "password123");
        Api.as(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .when().put("/api/v1/users/" + owner).then().statusCode(200).body("name", equalTo("Renamed"));
        Api.as(ownerToken).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().put("/api/v1/users/" + owner).then().statusCode(403);

        Api.as(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("name", "By admin"))
                .when().put("/v1/users/" + owner).then().statusCode(200).body("name", equalTo("By admin"));
    }

    @Test
    void passwordChangeTakesEffect() {
        String email = Api.uniqueEmail("pw");
        String id = Api.registerGuest(email, "password123");
        Api.as(Api.accessToken(email, "password123")).contentType(ContentType.JSON).body(Map.of("password", "another-secret"))
                .when().patch("/api/v1/users/" + id).then().statusCode(200);
        Api.client().contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123"))
                .when().post("/api/v1/auth/login").then().statusCode(401);
        Api.accessToken(email, "another-secret");
    }

    @Test
    void registrationAndDeletionAreAnnouncedWithEnvelopes() throws Exception {
        try (TopicReader registered = new TopicReader(Brokers.direct(), Contracts.USER_REGISTERED);
             TopicReader deleted = new TopicReader(Brokers.direct(), Contracts.USER_DELETED)) {
            String email = Api.uniqueEmail("events");
            String id = Api.client().header("X-Request-ID", "register-" + email.hashCode()).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", "password123", "name", "Evented"))
                    .when().post("/api/v1/auth/register").then().statusCode(200).extract().path("id");

            ConsumerRecord<String, String> record = registered.await(r -> id.equals(r.key()), WAIT);
            EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
            assertEquals(Contracts.USER_REGISTERED, event.type());
            assertEquals("auth-service", event.source());
            assertEquals(id, event.subject());
            assertEquals("register-" + email.hashCode(), event.requestId());
            assertNotNull(event.occurredAt());
            assertEquals(email, event.data().path("email").asText());
            assertEquals("guest", event.data().path("role").asText());
            assertEquals(id, event.data().path("userId").asText());
            assertEquals("1.0", event.specversion(), "a CloudEvent");
            assertEquals("application/cloudevents+json; charset=UTF-8",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
            assertEquals(UUID.fromString(id), contracts.read(event, UserRegistered.class).userId(), "the contract holds");

            Api.as(Api.accessToken(email, "password123")).when().delete("/v1/users/" + id).then().statusCode(204);
            EventEnvelope gone = mapper.readValue(deleted.await(r -> id.equals(r.key()), WAIT).value(), EventEnvelope.class);
            assertEquals(Contracts.USER_DELETED, gone.type());
            assertEquals(UUID.fromString(id), contracts.read(gone, UserDeleted.class).userId());

            List<ConsumerRecord<String, String>> all = registered.readToEnd(WAIT);
            assertEquals(1, all.stream().filter(r -> id.equals(r.key())).count());
        }
    }

    @Test
    void requestsWithoutATokenAreRefused() {
        Api.client().when().get("/api/v1/users").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        Api.client().when().get("/api/v1/auth/me").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }
}
