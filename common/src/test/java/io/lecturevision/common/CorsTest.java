package io.lecturevision.common;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 003's CORS by default: any origin may call the API, without credentials (tokens are bearer headers). */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class CorsTest {

    @Test
    void preflightFromAnyOriginIsAllowed() {
        Response preflight = given().header("Origin", "https://some-app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/test/signup");
        assertEquals(200, preflight.statusCode());
        assertOriginAllowed(preflight, "https://some-app.example");
        String allowedHeaders = String.join(",", preflight.headers().getValues("Access-Control-Allow-Headers")).toLowerCase();
        assertTrue(allowedHeaders.contains("authorization") && allowedHeaders.contains("content-type"), allowedHeaders);
        assertEquals(List.of(), preflight.headers().getValues("Access-Control-Allow-Credentials").stream()
                .filter("true"::equals).toList());
    }

    @Test
    void crossOriginPostIsAnsweredWithTheOriginAllowed() {
        Response post = given().header("Origin", "http://localhost:5173").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.test\",\"password\":\"long-enough-1\"}").when().post("/test/signup");
        assertEquals(200, post.statusCode());
        assertOriginAllowed(post, "http://localhost:5173");
        String exposed = String.join(",", post.headers().getValues("Access-Control-Expose-Headers"));
        assertTrue(exposed.contains("X-Request-ID") && exposed.contains("Content-Range"), exposed);
    }

    @Test
    void theEdgesOwnOriginIsAllowed() {
        // nginx forwards the browser's Host; the page's Origin is that same host.
        Response post = given().header("Host", "127.0.0.1:8080").header("Origin", "http://127.0.0.1:8080")
                .contentType(ContentType.JSON).body("{\"email\":\"a@b.test\",\"password\":\"long-enough-1\"}")
                .when().post("/test/signup");
        assertEquals(200, post.statusCode());
    }

    static void assertOriginAllowed(Response response, String origin) {
        List<String> allowed = response.headers().getValues("Access-Control-Allow-Origin");
        assertEquals(1, allowed.size(), response.headers().toString());
        assertTrue(allowed.get(0).equals("*") || allowed.get(0).equals(origin), allowed.toString());
    }
}
