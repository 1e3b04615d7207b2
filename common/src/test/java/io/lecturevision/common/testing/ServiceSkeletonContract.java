package io.lecturevision.common.testing;

import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service answers from the first day (shared SPEC, cross-cutting): run by each service
 * as a {@code @QuarkusTest} and as a {@code @QuarkusIntegrationTest} against the packaged app.
 */
public abstract class ServiceSkeletonContract {

    @Test
    void healthAnswersStatusAndVersion() {
        given().when().get("/health").then().statusCode(200).contentType(ContentType.JSON)
                .body("status", equalTo("ok")).body("version", notNullValue());
    }

    /**
     * Waits for it rather than asking once: each check has its own timeout (Kafka's first connection
     * 3 s), which a loaded machine can pass right after start (seen in CI with both cores busy).
     */
    @Test
    void readinessIsUpWithDatabaseKafkaAndBucket() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'object-storage' }.status", equalTo("UP"))
                        .body("checks.find { it.name.contains('Database') }.status", equalTo("UP")));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownPathIsFastApiNotFound() {
        given().when().get("/no/such/path").then().statusCode(404).contentType(ContentType.JSON)
                .body("detail", equalTo("Not Found"));
    }

    @Test
    void everyResponseCarriesRequestIdAndProcessTime() {
        given().header("X-Request-ID", "camera-42.req-7").when().get("/health").then()
                .header("X-Request-ID", "camera-42.req-7")
                .header("X-Process-Time", matchesPattern("\\d+\\.\\d{6}"));
        given().when().get("/no/such/path").then()
                .header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"))
                .header("X-Process-Time", notNullValue());
    }

    @Test
    void docsOpenApiAndMetricsAreServed() {
        given().when().get("/docs/").then().statusCode(200).body(containsString("swagger"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", notNullValue());
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void redocIsServedWithoutACdnAndLoadsTheDocumentFromItsEdgeAddress() {
        String page = given().when().get("/redoc").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("src=\"/redoc-assets/redoc.standalone.js\"")).extract().asString();
        Matcher specUrl = Pattern.compile("<redoc spec-url=\"(/openapi/[a-z-]+\\.json)\"").matcher(page);
        assertTrue(specUrl.find(), "the page loads the document from its edge address: " + page);
        String document = specUrl.group(1);
        given().when().get("/redoc-assets/redoc.standalone.js").then().statusCode(200)
                .body(containsString("ReDoc"));
        given().redirects().follow(false).when().get(document).then().statusCode(302)
                .header("Location", endsWith("/q/openapi?format=json"));
        given().when().get(document).then().statusCode(200).body("openapi", notNullValue());
        given().when().get("/openapi/another-service.json").then().statusCode(404).body("detail", equalTo("Not Found"));
    }
}
