package io.lecturevision.common.security;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Tokens are accepted only when RS256-signed by a published key, unexpired, for our issuer and audience. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class JwtVerificationTest {

    private final Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));

    @Test
    void validTokenPasses() {
        String token = TestJwt.sign(TestJwt.claims("user-1", Roles.GUEST), keys);
        given().auth().oauth2(token).when().get("/test/secured").then().statusCode(200)
                .body("subject", equalTo("user-1"));
    }

    @Test
    void missingTokenIs401WithChallenge() {
        rejected(null);
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        long now = Instant.now().getEpochSecond();
        rejected(TestJwt.unsigned("{\"iss\":\"" + TestJwt.ISSUER + "\",\"aud\":\"" + TestJwt.AUDIENCE
                + "\",\"sub\":\"user-1\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 300) + "}"));
    }

    @Test
    void hs256TokenKeyedWithThePublicKeyIsRejected() {
        SecretKeySpec publicKeyAsHmacSecret = new SecretKeySpec(TestJwt.publicKeyBytes(keys), "HmacSHA256");
        String token = TestJwt.claims("user-1", Roles.ADMIN).jws().algorithm(SignatureAlgorithm.HS256)
                .keyId(TestJwt.KEY_ID).sign(publicKeyAsHmacSecret);
        rejected(token);
    }

    @Test
    void expiredTokenIsRejected() {
        Instant past = Instant.now().minusSeconds(3600);
        rejected(TestJwt.sign(TestJwt.claims("user-1", Roles.GUEST).issuedAt(past).expiresAt(past.plusSeconds(60)), keys));
    }

    @Test
    void wrongIssuerIsRejected() {
        rejected(TestJwt.sign(TestJwt.claims("user-1", Roles.GUEST).issuer("https://evil.example"), keys));
    }

    @Test
    void wrongAudienceIsRejected() {
        rejected(TestJwt.sign(TestJwt.claims("user-1", Roles.GUEST).audience("another-system"), keys));
    }

    @Test
    void tamperedSignatureIsRejected() {
        String token = TestJwt.sign(TestJwt.claims("user-1", Roles.GUEST), keys);
        String[] parts = token.split("\\.");
        String forgedClaims = TestJwt.b64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"user-1\"", "\"admin-1\""));
        rejected(parts[0] + "." + forgedClaims + "." + parts[2]);
    }

    @Test
    void tokenWithoutAnAllowedRoleIsForbidden() {
        String token = TestJwt.sign(TestJwt.claims("user-1", "visitor"), keys);
        given().auth().oauth2(token).when().get("/test/secured").then().statusCode(403)
                .body("detail", equalTo("Not enough permissions"));
    }

    private static void rejected(String token) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        request.when().get("/test/secured").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", org.hamcrest.Matchers.notNullValue());
    }
}
