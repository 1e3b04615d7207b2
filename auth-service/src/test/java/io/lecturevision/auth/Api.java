package io.lecturevision.auth;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Requests from a fresh client address each time, so the per-IP rate limits only bite where a test means it. */
final class Api {

    static final String ADMIN_EMAIL = "admin@lecturevision.local";
    static final String ADMIN_PASSWORD = "admin-dev-password";

    private Api() {
    }

    static RequestSpecification client() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return given().header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    static RequestSpecification as(String accessToken) {
        return client().auth().oauth2(accessToken);
    }

    static Map<String, Object> login(String email, String password) {
        return client().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/v1/auth/login").then().statusCode(200).extract().as(Map.class);
    }

    static String accessToken(String email, String password) {
        return (String) login(email, password).get("access_token");
    }

    static String adminToken() {
        return accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Registers a guest through seed 003's route; returns its id. */
    static String registerGuest(String email, String password) {
        return client().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", "Guest " + email))
                .when().post("/api/v1/auth/register").then().statusCode(200).extract().path("id");
    }
}
