package io.lecturevision.common.health;

import io.lecturevision.common.testing.InjectProxies;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.Proxies;
import io.lecturevision.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Readiness goes DOWN while the database or Kafka is unreachable and UP again when it returns. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class ReadinessTest {

    @InjectProxies
    Proxies proxies;

    @Test
    void followsTheDatabase() {
        followsOutage(proxies.database(), "Database connections health check");
    }

    @Test
    void followsKafka() {
        followsOutage(proxies.kafka(), "kafka");
    }

    private void followsOutage(TcpProxy link, String check) {
        awaitReadiness(200, check, "UP");
        link.cut();
        try {
            awaitReadiness(503, check, "DOWN");
        } finally {
            link.restore();
        }
        awaitReadiness(200, check, "UP");
    }

    private static void awaitReadiness(int status, String check, String checkStatus) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response response = given().when().get("/q/health/ready");
            return response.statusCode() == status
                    && checkStatus.equals(response.path("checks.find { it.name == '" + check + "' }.status"));
        });
    }
}
