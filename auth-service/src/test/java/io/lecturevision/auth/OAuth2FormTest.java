package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** {@code POST /token} as FastAPI's OAuth2PasswordRequestForm (and Swagger UI's "Authorize") sends it. */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class OAuth2FormTest {

    private static final String PASSWORD = "password123";

    @Test
    void fastApiClientsSendEveryFieldWithEmptyGrantType() {
        String email = Api.uniqueEmail("fastapi");
        Api.registerGuest(email, PASSWORD);
        // The exact body of OAuth2PasswordRequestForm clients: every field present, the optional ones empty.
        Api.client().contentType(ContentType.URLENC)
                .body("grant_type=&username=" + email.replace("@", "%40") + "&password=" + PASSWORD + "&scope=&client_id=&client_secret=")
                .when().post("/token").then().statusCode(200)
                .body("token_type", equalTo("bearer")).body("access_token", notNullValue());
    }

    @Test
    void swaggerUiSendsThePasswordGrantWithScopesAndClientFields() {
        String email = Api.uniqueEmail("swagger");
        Api.registerGuest(email, PASSWORD);
        String token = Api.client().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("username", email).formParam("password", PASSWORD).formParam("scope", "read write")
                .formParam("client_id", "swagger-ui").formParam("client_secret", "")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
        Api.as(token).when().get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void refreshGrantWithEmptyOptionalFields() {
        String email = Api.uniqueEmail("refresh");
        Api.registerGuest(email, PASSWORD);
        String refresh = (String) Api.login(email, PASSWORD).get("refresh_token");
        Api.client().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh).formParam("scope", "").formParam("client_id", "")
                .formParam("client_secret", "")
                .when().post("/token").then().statusCode(200).body("refresh_token", notNullValue());
    }

    @Test
    void unsupportedGrantTypeIsFastApisPatternMismatch() {
        Api.client().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("username", "someone").formParam("password", PASSWORD)
                .when().post("/token").then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "grant_type"))
                .body("detail[0].type", equalTo("string_pattern_mismatch"))
                .body("detail[0].msg", equalTo("String should match pattern '^(password|refresh_token)$'"));
    }

    @Test
    void missingFieldsAreListedAsFastApiDoes() {
        Api.client().contentType(ContentType.URLENC).body("grant_type=&username=&password=&scope=")
                .when().post("/token").then().statusCode(422)
                .body("detail", hasSize(2))
                .body("detail[0].loc", contains("body", "username")).body("detail[0].type", equalTo("missing"))
                .body("detail[0].msg", equalTo("Field required"))
                .body("detail[1].loc", contains("body", "password"));
        Api.client().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .when().post("/token").then().statusCode(422)
                .body("detail[0].loc", contains("body", "refresh_token")).body("detail[0].type", equalTo("missing"));
    }

    @Test
    void wrongPasswordIsStill401() {
        String email = Api.uniqueEmail("wrong");
        Api.registerGuest(email, PASSWORD);
        Api.client().contentType(ContentType.URLENC).body("grant_type=&username=" + email.replace("@", "%40")
                        + "&password=not-the-password&scope=&client_id=&client_secret=")
                .when().post("/token").then().statusCode(401).body("detail", equalTo("Incorrect username or password"));
    }
}
