package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class RegistrationAndLoginTest {

    /** Frozen while a limit is being filled, so no bucket refills however slowly this machine answers. */
    @Inject
    TestClock clock;

    @Test
    void seed003RegistrationLoginAndMe() {
        String email = Api.uniqueEmail("seed3");
        Api.client().contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123", "name", "John Doe"))
                .when().post("/api/v1/auth/register").then().statusCode(200)
                .body("email", equalTo(email)).body("name", equalTo("John Doe")).body("role", equalTo("guest"))
                .body("is_active", equalTo(true)).body("id", notNullValue()).body("password", nullValue())
                .body("password_hash", nullValue());

        String token = Api.client().contentType(ContentType.JSON).body(Map.of("email", email, "password", "password123"))
                .when().post("/api/v1/auth/login").then().statusCode(200)
                .body("token_type", equalTo("bearer")).extract().path("access_token");
        Api.as(token).when().get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void duplicateEmailIsRejectedCaseInsensitively() {
        String email = Api.uniqueEmail("dup");
        Api.registerGuest(email, "password123");
        Api.client().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase(), "password", "password123", "name", "X"))
                .when().post("/api/v1/auth/register").then().statusCode(400).body("detail", equalTo("Email already registered"));
    }

    @Test
    void seed002RegistrationAndOAuth2PasswordGrant() {
        String username = "user_" + UUID.randomUUID().toString().substring(0, 8);
        Api.client().contentType(ContentType.JSON).body(Map.of("username", username, "password", "password123"))
                .when().post("/register").then().statusCode(200)
                .body("username", equalTo(username)).body("is_active", equalTo(true)).body("id", notNullValue());
        Api.client().contentType(ContentType.JSON).body(Map.of("username", username.toUpperCase(), "password", "password123"))
                .when().post("/register").then().statusCode(400).body("detail", equalTo("Username already registered"));

        Api.client().contentType(ContentType.URLENC).formParam("username", username).formParam("password", "password123")
                .when().post("/token").then().statusCode(200)
                .body("token_type", equalTo("bearer")).body("access_token", notNullValue())
                .body("refresh_token", notNullValue());
    }

    @Test
    void oauth2FormAcceptsAnEmailAsUsername() {
        String email = Api.uniqueEmail("form");
        Api.registerGuest(email, "password123");
        Api.client().contentType(ContentType.URLENC).formParam("username", email).formParam("password", "password123")
                .when().post("/token").then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void usernameAndPasswordRulesAreEnforcedWith422() {
        Api.client().contentType(ContentType.JSON).body(Map.of("username", "ab", "password", "short"))
                .when().post("/register").then().statusCode(422)
                .body("detail.find { it.loc[1] == 'username' }.type", equalTo("string_length"))
                .body("detail.find { it.loc[1] == 'password' }.loc", contains("body", "password"));
        String tooLong = "é".repeat(37); // 74 bytes in UTF-8
        Api.client().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("long"), "password", tooLong, "name", "L"))
                .when().post("/api/v1/auth/register").then().statusCode(422)
                .body("detail[0].loc", contains("body", "password"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreIndistinguishable() {
        String email = Api.uniqueEmail("known");
        Api.registerGuest(email, "password123");
        for (String route : new String[] {"/api/v1/auth/login", "/v1/auth/login"}) {
            var wrongPassword = Api.client().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong-password"))
                    .when().post(route).then().statusCode(401).header("WWW-Authenticate", "Bearer").extract();
            var unknownUser = Api.client().contentType(ContentType.JSON)
                    .body(Map.of("email", Api.uniqueEmail("nobody"), "password", "wrong-password"))
                    .when().post(route).then().statusCode(401).header("WWW-Authenticate", "Bearer").extract();
            assertEquals(wrongPassword.body().asString(), unknownUser.body().asString());
            assertEquals("{\"detail\":\"Incorrect email or password\"}", unknownUser.body().asString());
        }
        var formWrong = Api.client().contentType(ContentType.URLENC).formParam("username", email).formParam("password", "nope-nope")
                .when().post("/token").then().statusCode(401).extract().body().asString();
        var formUnknown = Api.client().contentType(ContentType.URLENC).formParam("username", "ghost-user").formParam("password", "nope-nope")
                .when().post("/token").then().statusCode(401).extract().body().asString();
        assertEquals(formWrong, formUnknown);
        assertEquals("{\"detail\":\"Incorrect username or password\"}", formUnknown);
    }

    @Test
    void registrationIsLimitedToFivePerMinutePerClient() {
        String address = "172.16." + (UUID.randomUUID().hashCode() & 0xff) + ".9";
        clock.freeze();
        try {
            for (int i = 0; i < 5; i++) {
                given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                        .body(Map.of("username", "rl_" + UUID.randomUUID().toString().substring(0, 8), "password", "password123"))
                        .when().post("/register").then().statusCode(200);
            }
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("email", Api.uniqueEmail("rl"), "password", "password123", "name", "R"))
                    .when().post("/api/v1/auth/register").then().statusCode(429)
                    .header("Retry-After", equalTo("12"));
        } finally {
            clock.release();
        }
    }

    @Test
    void loginIsLimitedToTenPerMinutePerClient() {
        String address = "172.17." + (UUID.randomUUID().hashCode() & 0xff) + ".9";
        clock.freeze();
        try {
            for (int i = 0; i < 10; i++) {
                given().header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                        .formParam("username", "nobody").formParam("password", "whatever1")
                        .when().post("/token").then().statusCode(401);
            }
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("email", "a@b.test", "password", "whatever1"))
                    .when().post("/api/v1/auth/login").then().statusCode(429).header("Retry-After", equalTo("6"));
        } finally {
            clock.release();
        }
    }


    @Test
    void helloEndpoints() {
        Api.client().when().get("/api/v1/hello").then().statusCode(200).body("message", equalTo("Hello World"));
        Api.client().when().get("/api/v1/hello/Mina").then().statusCode(200).body("message", equalTo("Hello Mina"));
    }
}
