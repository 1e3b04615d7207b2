package io.lecturevision.upload;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * auth-service's user.sessions-revoked, on the real topic: within 5 s of the consumer recording it, an access
 * token issued before its notBefore is refused; one issued after it still works.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class RevokedSessionsTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @EnumSource(UserSessionsRevoked.Reason.class)
    void aTokenIssuedBeforeTheRevocationIsRefusedAndALaterOneIsNot(UserSessionsRevoked.Reason reason) throws Exception {
        UUID user = UUID.randomUUID();
        UUID corporation = UUID.randomUUID();
        Instant notBefore = Instant.now().minusSeconds(60);
        String stale = token(user, corporation, notBefore.minusSeconds(1));
        String fresh = token(user, corporation, notBefore.plusSeconds(1));
        given().auth().oauth2(stale).when().get("/uploads").then().statusCode(200);

        publish(new UserSessionsRevoked(user, notBefore, reason));
        await().atMost(ARRIVAL).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM revoked_session WHERE user_id = ?", user) == 1);
        await().atMost(REFUSED_WITHIN).untilAsserted(() ->
                given().auth().oauth2(stale).when().get("/uploads").then().statusCode(401));
        given().auth().oauth2(fresh).when().get("/uploads").then().statusCode(200);
    }

    static String token(UUID user, UUID corporation, Instant issuedAt) {
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        return TestJwt.sign(TestJwt.claims(user.toString(), "admin").claim("corporation_id", corporation.toString())
                .issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(1800)), keys);
    }

    static void publish(UserSessionsRevoked revoked) throws Exception {
        String event = CloudEvents.json(UUID.randomUUID(), "auth-service", Contracts.USER_SESSIONS_REVOKED,
                revoked.userId().toString(), Instant.now(), revoked);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)))) {
            producer.send(new ProducerRecord<>(Contracts.USER_SESSIONS_REVOKED, revoked.userId().toString(), event)).get();
        }
    }
}
