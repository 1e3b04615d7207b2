package io.lecturevision.auth;

import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platform administration is the role platform-admin, never "an admin without a corporation". */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class PlatformAdminTest {

    @Test
    void theBootstrapAdminHoldsThePlatformAdminRole() {
        String token = Api.adminToken();
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"groups\":[\"platform-admin\"]"), claims);
        Api.as(token).when().get("/api/v1/auth/me").then().statusCode(200).body("role", equalTo("platform-admin"));
    }

    @Test
    void theAdminOfADeletedCorporationGainsNothing() throws Exception {
        String platform = Api.adminToken();
        String corporation = corporation(platform);
        String email = Api.uniqueEmail("doomed-admin");
        String id = Api.as(platform).contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123",
                "role", "admin", "corporation_id", corporation)).when().post("/v1/users").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> session = Api.login(email, "password123");
        String access = (String) session.get("access_token");

        try (TopicReader topic = SessionsEndTest.revocations()) {
            Instant before = Instant.now();
            Api.as(platform).when().delete("/v1/corporations/" + corporation).then().statusCode(204);
            SessionsEndTest.announced(topic, id, "corporation-deleted", before);
        }

        // Deactivated, sessions revoked: neither the old token nor a new login works.
        Api.as(access).when().get("/v1/corporations").then().statusCode(401);
        Api.as(access).when().get("/v1/users").then().statusCode(401);
        Api.as(access).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("new-admin"),
                "password", "password123", "role", "admin")).when().post("/v1/users").then().statusCode(401);
        SessionsEndTest.refresh((String) session.get("refresh_token"), 401);
        Api.client().contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123"))
                .when().post("/v1/auth/login").then().statusCode(401);

        // Even re-activated, an admin of no corporation administers nothing.
        Api.as(platform).when().get("/v1/users/" + id).then().statusCode(200)
                .body("is_active", equalTo(false)).body("corporation_id", equalTo(null)).body("role", equalTo("admin"));
        Api.as(platform).contentType(ContentType.JSON).body(Map.of("is_active", true))
                .when().put("/v1/users/" + id).then().statusCode(200);
        String again = Api.accessToken(email, "password123");
        Api.as(again).when().get("/v1/corporations").then().statusCode(403);
        Api.as(again).when().get("/v1/users").then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id));
        Api.as(again).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("new-admin"),
                "password", "password123", "role", "admin")).when().post("/v1/users").then().statusCode(403);
        Api.as(again).contentType(ContentType.JSON).body(Map.of("name", "x", "plan_type", "PAID"))
                .when().post("/v1/corporations").then().statusCode(403);
    }

    @Test
    void onlyAPlatformAdminGrantsPlatformAdministration() {
        String platform = Api.adminToken();
        String corporation = corporation(platform);
        String email = Api.uniqueEmail("corp-admin");
        Api.as(platform).contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123",
                "role", "admin", "corporation_id", corporation)).when().post("/v1/users").then().statusCode(201);
        String corpAdmin = Api.accessToken(email, "password123");
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("climber"),
                "password", "password123", "role", "platform-admin")).when().post("/v1/users").then().statusCode(403);
        String member = Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("member"),
                "password", "password123")).when().post("/v1/users").then().statusCode(201).extract().path("id");
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("role", "platform-admin"))
                .when().put("/v1/users/" + member).then().statusCode(403);
        String insider = Api.as(platform).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("insider"),
                "password", "password123", "role", "platform-admin", "corporation_id", corporation))
                .when().post("/v1/users").then().statusCode(201).extract().path("id");
        Api.as(corpAdmin).contentType(ContentType.JSON).body(Map.of("is_active", false))
                .when().put("/v1/users/" + insider).then().statusCode(404);
        Api.as(corpAdmin).when().get("/v1/users/" + insider).then().statusCode(404);

        String granted = Api.as(platform).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("second-platform"),
                "password", "password123", "role", "platform-admin")).when().post("/v1/users").then().statusCode(201)
                .body("role", equalTo("platform-admin")).extract().path("email");
        Api.as(Api.accessToken(granted, "password123")).when().get("/v1/corporations").then().statusCode(200);
    }

    private static String corporation(String platform) {
        return Api.as(platform).contentType(ContentType.JSON)
                .body(Map.of("name", "Corp " + java.util.UUID.randomUUID(), "plan_type", "FREE"))
                .when().post("/v1/corporations").then().statusCode(201).extract().path("id");
    }
}
