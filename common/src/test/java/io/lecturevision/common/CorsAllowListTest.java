package io.lecturevision.common;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A deployment's allow-list (LV_CORS_ORIGINS) still works, and never locks out the service's own origin. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
@TestProfile(CorsAllowListTest.AllowList.class)
class CorsAllowListTest {

    public static class AllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", "https://app.example");
        }
    }

    private static final String BODY = "{\"email\":\"a@b.test\",\"password\":\"long-enough-1\"}";

    @Test
    void listedOriginIsAllowed() {
        Response post = given().header("Origin", "https://app.example").contentType(ContentType.JSON).body(BODY)
                .when().post("/test/signup");
        assertEquals(200, post.statusCode());
        assertEquals(List.of("https://app.example"), post.headers().getValues("Access-Control-Allow-Origin"));
    }

    @Test
    void unlistedOriginIsRefused() {
        Response post = given().header("Origin", "https://evil.example").contentType(ContentType.JSON).body(BODY)
                .when().post("/test/signup");
        assertEquals(403, post.statusCode());
        assertEquals(List.of(), post.headers().getValues("Access-Control-Allow-Origin"));
    }

    @Test
    void sameOriginAsTheForwardedHostIsAllowed() {
        Response post = given().header("Host", "edge.example:8080").header("Origin", "http://edge.example:8080")
                .contentType(ContentType.JSON).body(BODY).when().post("/test/signup");
        assertEquals(200, post.statusCode());
    }
}
