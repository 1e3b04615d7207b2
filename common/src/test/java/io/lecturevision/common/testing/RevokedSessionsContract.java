package io.lecturevision.common.testing;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import io.quarkus.arc.Arc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * auth-service's user.sessions-revoked, on the real topic, for every service that switches the check on
 * ({@code lv.security.session-revocation.enabled}): within 5 s of the consumer recording it, an access token
 * issued before its notBefore is refused; one issued after it still works. A service's {@code @QuarkusTest}
 * subclass names a GET route that an admin of a corporation may call.
 */
public abstract class RevokedSessionsContract {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);

    /** A GET route (path and query) answering 2xx to an admin of a corporation. */
    protected abstract String probePath();

    @ParameterizedTest
    @EnumSource(UserSessionsRevoked.Reason.class)
    void aTokenIssuedBeforeTheRevocationIsRefusedAndALaterOneIsNot(UserSessionsRevoked.Reason reason) throws Exception {
        UUID user = UUID.randomUUID();
        UUID corporation = UUID.randomUUID();
        Instant notBefore = Instant.now().minusSeconds(60);
        String stale = token(user, corporation, notBefore.minusSeconds(1));
        String fresh = token(user, corporation, notBefore.plusSeconds(1));
        given().auth().oauth2(stale).when().get(probePath()).then().statusCode(200);

        AuthorizationTable.Callers.publish(new UserSessionsRevoked(user, notBefore, reason));
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        await().atMost(ARRIVAL).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM revoked_session WHERE user_id = ?", user) == 1);
        await().atMost(REFUSED_WITHIN).untilAsserted(() ->
                given().auth().oauth2(stale).when().get(probePath()).then().statusCode(401));
        given().auth().oauth2(fresh).when().get(probePath()).then().statusCode(200);
    }

    private static String token(UUID user, UUID corporation, Instant issuedAt) {
        Path keys = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("lv.test.jwt-key-dir", String.class));
        return TestJwt.sign(TestJwt.claims(user.toString(), "admin").claim("corporation_id", corporation.toString())
                .issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(1800)), keys);
    }
}
