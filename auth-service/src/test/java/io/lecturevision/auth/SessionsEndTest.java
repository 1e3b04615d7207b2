package io.lecturevision.auth;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each change that must end a user's sessions revokes its refresh tokens and announces user.sessions-revoked
 * (with a notBefore no earlier than the change), so that other services refuse its older access tokens.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class SessionsEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPasswordChangeByTheUserEndsEveryOtherSession() throws Exception {
        Member member = Member.create("password-change");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            Api.as(member.first.access).contentType(ContentType.JSON).body(Map.of("password", "a-new-password"))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            refresh(member.second.refresh, 401);
            refresh(member.first.refresh, 200);
            announced(topic, member.id, "password-changed", before);
        }
    }

    @Test
    void aPasswordResetByAnAdminEndsEverySession() throws Exception {
        Member member = Member.create("password-reset");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            Api.as(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("password", "a-new-password"))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            refresh(member.first.refresh, 401);
            refresh(member.second.refresh, 401);
            announced(topic, member.id, "password-reset", before);
        }
    }

    @Test
    void deactivationEndsEverySessionForGood() throws Exception {
        Member member = Member.create("deactivated");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            String admin = Api.adminToken();
            Api.as(admin).contentType(ContentType.JSON).body(Map.of("is_active", false))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            Api.as(admin).contentType(ContentType.JSON).body(Map.of("is_active", true))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            // Active again, but the sessions from before stay ended.
            refresh(member.first.refresh, 401);
            refresh(member.second.refresh, 401);
            announced(topic, member.id, "deactivated", before);
        }
    }

    @Test
    void aRoleChangeEndsEverySession() throws Exception {
        Member member = Member.create("role-change");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            Api.as(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            refresh(member.first.refresh, 401);
            refresh(member.second.refresh, 401);
            announced(topic, member.id, "role-changed", before);
        }
    }

    @Test
    void aCorporationChangeEndsEverySession() throws Exception {
        Member member = Member.create("corporation-change");
        String admin = Api.adminToken();
        String corporation = Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Moved to " + member.id, "plan_type", "FREE"))
                .when().post("/v1/corporations").then().statusCode(201).extract().path("id");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            Api.as(admin).contentType(ContentType.JSON).body(Map.of("corporation_id", corporation))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            refresh(member.first.refresh, 401);
            refresh(member.second.refresh, 401);
            announced(topic, member.id, "corporation-changed", before);
        }
    }

    @Test
    void deletionEndsEverySession() throws Exception {
        Member member = Member.create("deleted");
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            Api.as(Api.adminToken()).when().delete("/v1/users/" + member.id).then().statusCode(204);
            refresh(member.first.refresh, 401);
            announced(topic, member.id, "deleted", before);
        }
    }

    @Test
    void aChangeOfNameEndsNothing() throws Exception {
        Member member = Member.create("renamed");
        try (TopicReader topic = revocations()) {
            Api.as(member.first.access).contentType(ContentType.JSON).body(Map.of("name", "Another name"))
                    .when().put("/v1/users/" + member.id).then().statusCode(200);
            refresh(member.first.refresh, 200);
            refresh(member.second.refresh, 200);
            assertFalse(topic.readToEnd(Duration.ofSeconds(5)).stream().anyMatch(r -> member.id.equals(r.key())));
        }
    }

    static TopicReader revocations() {
        return new TopicReader(Brokers.direct(), Contracts.USER_SESSIONS_REVOKED);
    }

    static void announced(TopicReader topic, String userId, String reason, Instant notEarlierThan) {
        ConsumerRecord<String, String> event = topic.await(r -> userId.equals(r.key()), WAIT);
        assertTrue(event.value().contains("\"reason\":\"" + reason + "\""), event.value());
        String notBefore = event.value().replaceAll(".*\"notBefore\":\"([^\"]+)\".*", "$1");
        assertFalse(Instant.parse(notBefore).isBefore(notEarlierThan.minusMillis(1)), event.value());
    }

    static void refresh(String refreshToken, int status) {
        Api.client().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .when().post("/v1/auth/refresh").then().statusCode(status);
    }

    record Session(String access, String refresh) {
        static Session login(String email) {
            Map<String, Object> tokens = Api.login(email, "password123");
            return new Session((String) tokens.get("access_token"), (String) tokens.get("refresh_token"));
        }
    }

    /** A guest with two sessions (two logins). */
    record Member(String id, String email, Session first, Session second) {
        static Member create(String prefix) {
            String email = Api.uniqueEmail(prefix);
            String id = Api.registerGuest(email, "password123");
            return new Member(id, email, Session.login(email), Session.login(email));
        }
    }
}
