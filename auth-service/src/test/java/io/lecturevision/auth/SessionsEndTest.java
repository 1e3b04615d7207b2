package io.lecturevision.auth;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * A change to a user's account, who makes it, the reason announced (none: nothing ends), and what the
     * refresh tokens of the session that made it (first) and of the user's other session (second) answer after.
     */
    enum Change {
        PASSWORD_CHANGED_BY_THE_USER("password-changed", 200, 401,
                member -> update(member.first.access, member, Map.of("password", "a-new-password"))),
        PASSWORD_RESET_BY_AN_ADMIN("password-reset", 401, 401,
                member -> update(Api.adminToken(), member, Map.of("password", "a-new-password"))),
        // active again afterwards, but the sessions from before stay ended
        DEACTIVATED_AND_REACTIVATED("deactivated", 401, 401, member -> {
            update(Api.adminToken(), member, Map.of("is_active", false));
            update(Api.adminToken(), member, Map.of("is_active", true));
        }),
        ROLE_CHANGED("role-changed", 401, 401, member -> update(Api.adminToken(), member, Map.of("role", "admin"))),
        CORPORATION_CHANGED("corporation-changed", 401, 401, member -> {
            String corporation = Api.as(Api.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Moved to " + member.id, "plan_type", "FREE"))
                    .when().post("/v1/corporations").then().statusCode(201).extract().path("id");
            update(Api.adminToken(), member, Map.of("corporation_id", corporation));
        }),
        DELETED("deleted", 401, 401,
                member -> Api.as(Api.adminToken()).when().delete("/v1/users/" + member.id).then().statusCode(204)),
        NAME_CHANGED(null, 200, 200, member -> update(member.first.access, member, Map.of("name", "Another name")));

        final String reason;
        final int firstSession;
        final int otherSession;
        final Consumer<Member> apply;

        Change(String reason, int firstSession, int otherSession, Consumer<Member> apply) {
            this.reason = reason;
            this.firstSession = firstSession;
            this.otherSession = otherSession;
            this.apply = apply;
        }
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void aChangeEndsTheSessionsItMustAndAnnouncesIt(Change change) {
        Member member = Member.create(change.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        try (TopicReader topic = revocations()) {
            Instant before = Instant.now();
            change.apply.accept(member);
            refresh(member.first.refresh, change.firstSession);
            refresh(member.second.refresh, change.otherSession);
            if (change.reason == null) {
                assertFalse(topic.readToEnd(Duration.ofSeconds(5)).stream().anyMatch(r -> member.id.equals(r.key())));
            } else {
                announced(topic, member.id, change.reason, before);
            }
        }
    }

    static void update(String accessToken, Member member, Map<String, Object> changes) {
        Api.as(accessToken).contentType(ContentType.JSON).body(changes).when().put("/v1/users/" + member.id)
                .then().statusCode(200);
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
