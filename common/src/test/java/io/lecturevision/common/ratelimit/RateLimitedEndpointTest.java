package io.lecturevision.common.ratelimit;

import io.lecturevision.common.testing.InjectProxies;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.Proxies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class RateLimitedEndpointTest {

    @InjectProxies
    Proxies proxies;

    @Test
    void exceedingTheLimitIs429WithRetryAfterAndOtherClientsAreUnaffected() {
        // Unique addresses per run: buckets live as long as the application.
        String noisy = "10.0." + (UUID.randomUUID().hashCode() & 0xff) + ".1";
        String quiet = "10.1." + (UUID.randomUUID().hashCode() & 0xff) + ".2";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", noisy).when().get("/test/limited").then().statusCode(200);
        }
        given().header("X-Forwarded-For", noisy).when().get("/test/limited").then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", equalTo("Too Many Requests"));
        given().header("X-Forwarded-For", quiet).when().get("/test/limited").then().statusCode(200);
    }

    @Test
    void withoutTheDatabaseALimitedRouteFailsClosedWith503AndRecovers() {
        String address = "10.2." + (UUID.randomUUID().hashCode() & 0xff) + ".3";
        proxies.database().cut();
        try {
            given().header("X-Forwarded-For", address).when().get("/test/limited").then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("detail", equalTo("Service Unavailable"));
        } finally {
            proxies.database().restore();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().header("X-Forwarded-For", address).when().get("/test/limited").statusCode() == 200);
    }
}
