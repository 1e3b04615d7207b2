package io.lecturevision.auth;

import io.lecturevision.auth.service.SigningKeys;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.util.KeyUtils;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class TokenLifecycleTest {

    private final Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.keys-dir", String.class));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TokenService tokenService;

    @Test
    void refreshRotatesAndReuseOfARetiredTokenRevokesTheFamily() {
        String email = Api.uniqueEmail("rotate");
        Api.registerGuest(email, "password123");
        Map<String, Object> first = Api.login(email, "password123");
        String firstRefresh = (String) first.get("refresh_token");

        Map<String, Object> second = refresh(firstRefresh, 200);
        String secondRefresh = (String) second.get("refresh_token");
        assertNotEquals(firstRefresh, secondRefresh);
        Api.as((String) second.get("access_token")).when().get("/api/v1/auth/me").then().statusCode(200);

        // The first token was retired by the rotation: presenting it again means it leaked.
        Api.client().contentType(ContentType.JSON).body(Map.of("refresh_token", firstRefresh))
                .when().post("/v1/auth/refresh").then().statusCode(401)
                .body("detail", equalTo("Refresh token reuse detected; please log in again"));
        // ... and the whole family, including the legitimate newest token, is revoked.
        refresh(secondRefresh, 401);
    }

    @Test
    void oauth2RefreshGrantRotatesToo() {
        String email = Api.uniqueEmail("grant");
        Api.registerGuest(email, "password123");
        String refresh = (String) Api.login(email, "password123").get("refresh_token");
        String next = Api.client().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh).when().post("/token").then().statusCode(200)
                .extract().path("refresh_token");
        assertNotEquals(refresh, next);
        refresh(next, 200);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String email = Api.uniqueEmail("logout");
        Api.registerGuest(email, "password123");
        String refresh = (String) Api.login(email, "password123").get("refresh_token");
        Api.client().contentType(ContentType.JSON).body(Map.of("refresh_token", refresh))
                .when().post("/v1/auth/logout").then().statusCode(200);
        refresh(refresh, 401);
    }

    @Test
    void logoutWithOnlyABearerTokenEndsEverySession() {
        String email = Api.uniqueEmail("everywhere");
        Api.registerGuest(email, "password123");
        Map<String, Object> one = Api.login(email, "password123");
        Map<String, Object> two = Api.login(email, "password123");
        Api.as((String) one.get("access_token")).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/auth/logout").then().statusCode(200);
        refresh((String) one.get("refresh_token"), 401);
        refresh((String) two.get("refresh_token"), 401);
    }

    @Test
    void accessTokenCarriesTheAgreedClaims() throws Exception {
        String email = Api.uniqueEmail("claims");
        String id = Api.registerGuest(email, "password123");
        String token = Api.accessToken(email, "password123");
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
        assertTrue(header.contains("\"kid\":\"" + kid("active") + "\""), header);
        assertTrue(claims.contains("\"sub\":\"" + id + "\""), claims);
        assertTrue(claims.contains("\"upn\":\"" + email + "\""), claims);
        assertTrue(claims.contains("\"groups\":[\"guest\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"" + TestJwt.ISSUER + "\""), claims);
        assertTrue(claims.contains("\"aud\":\"" + TestJwt.AUDIENCE + "\""), claims);
        long iat = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertEquals(30 * 60, exp - iat, "access tokens live 30 minutes");
    }

    @Test
    void expiredAccessTokenIsRejected() {
        String id = Api.registerGuest(Api.uniqueEmail("expired"), "password123");
        Instant past = Instant.now().minusSeconds(3600);
        String token = sign(TestJwt.claims(id, "guest").issuedAt(past).expiresAt(past.plusSeconds(60)), "active");
        Api.as(token).when().get("/api/v1/auth/me").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void jwksServesTheActiveAndTheRecentlyRetiredKeyOnly() throws Exception {
        Api.client().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(2))
                .body("keys.kid", org.hamcrest.Matchers.containsInAnyOrder(kid("active"), kid("previous")))
                .body("keys.kid", not(org.hamcrest.Matchers.hasItem(kid("ancient"))))
                .body("keys[0].alg", equalTo("RS256")).body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void tokenOfAKeyInItsGraceIsAcceptedAndOfAKeyPastItIsRejected() {
        String id = Api.registerGuest(Api.uniqueEmail("rotation"), "password123");
        Api.as(sign(TestJwt.claims(id, "guest"), "previous")).when().get("/api/v1/auth/me").then().statusCode(200);
        Api.as(sign(TestJwt.claims(id, "guest"), "ancient")).when().get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void deletedUsersTokenNoLongerWorks() {
        String email = Api.uniqueEmail("gone");
        String id = Api.registerGuest(email, "password123");
        String token = Api.accessToken(email, "password123");
        Api.as(token).when().delete("/api/v1/users/" + id).then().statusCode(204);
        Api.as(token).when().get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void purgeDeletesLongExpiredRefreshTokens() {
        String email = Api.uniqueEmail("purge");
        String id = Api.registerGuest(email, "password123");
        Api.login(email, "password123");
        Api.login(email, "password123");
        Db.update(dataSource, "UPDATE refresh_token SET expires_at = now() - interval '2 days' WHERE user_id = ?",
                UUID.fromString(id));
        Api.login(email, "password123");
        tokenService.purgeExpired();
        assertEquals(1, Db.count(dataSource, "SELECT count(*) FROM refresh_token WHERE user_id = ?", UUID.fromString(id)));
    }

    private static Map<String, Object> refresh(String token, int status) {
        var response = Api.client().contentType(ContentType.JSON).body(Map.of("refresh_token", token))
                .when().post("/v1/auth/refresh").then().statusCode(status);
        return status == 200 ? response.extract().as(Map.class) : Map.of();
    }

    private String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims, String key) {
        return claims.jws().keyId(kid(key)).sign(privateKey(key));
    }

    private PrivateKey privateKey(String name) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(keys.resolve(name + ".pem")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String kid(String name) {
        try {
            var publicKey = (java.security.interfaces.RSAPublicKey) KeyUtils.decodePublicKey(
                    Files.readString(keys.resolve(name + ".pub.pem")));
            return SigningKeys.thumbprint(publicKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
