package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** /docs offers all five APIs with a selector, and "Authorize" uses the OAuth2 password form at /token. */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class DocsTest {

    @Test
    void swaggerUiListsEveryServicesDocument() {
        String page = given().when().get("/docs/index.html").then().statusCode(200).extract().asString();
        for (String document : new String[] {"/openapi/auth.json", "/openapi/upload.json", "/openapi/video.json",
                "/openapi/vision.json", "/openapi/audio.json"}) {
            org.hamcrest.MatcherAssert.assertThat(page, containsString(document));
        }
    }

    @Test
    void openApiDeclaresThePasswordFlowAtToken() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.OAuth2PasswordBearer.type", equalTo("oauth2"))
                .body("components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl", equalTo("/token"))
                .body("paths.'/token'.post.requestBody.content.'application/x-www-form-urlencoded'.schema.properties.client_id",
                        org.hamcrest.Matchers.notNullValue());
    }
}
