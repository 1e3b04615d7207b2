package io.lecturevision.common.event;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lecturevision.common.event.ConsumerResilienceTest.awaitConsumers;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness while a consumer whose thread died waits to be started again: DOWN, naming the consumer
 * as restarting, then UP once it runs. The restart backoff is seconds long here so that a reader
 * polling readiness cannot miss the window on a loaded machine.
 */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
@TestProfile(ConsumerRestartReadinessTest.SlowRestart.class)
class ConsumerRestartReadinessTest {

    public static class SlowRestart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lv.events.consumer-restart-backoff", "4s");
        }
    }

    record Observation(int httpStatus, String status, String state) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessIsDownWhileAKilledConsumerWaitsToRestartAndUpOnceItRunsAgain() throws Exception {
        awaitConsumers("UP", "running");
        List<Observation> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        watcher.submit(() -> {
            while (watching.get()) {
                Response response = given().when().get("/q/health/ready");
                seen.add(new Observation(response.statusCode(),
                        response.jsonPath().getString("checks.find { it.name == 'event-consumers' }.status"),
                        response.jsonPath().getString("checks.find { it.name == 'event-consumers' }.data.'note-effects.state'")));
                Thread.sleep(100);
            }
            return null;
        });
        String note;
        try {
            note = given().contentType(ContentType.JSON).body(Map.of("text", "kill-consumer"))
                    .when().post("/test/notes").then().statusCode(200).extract().path("id");
            await().atMost(Duration.ofSeconds(90)).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(note)) == 1);
            awaitConsumers("UP", "running");
        } finally {
            watching.set(false);
            watcher.shutdown();
            assertTrue(watcher.awaitTermination(30, TimeUnit.SECONDS));
        }

        assertTrue(seen.contains(new Observation(503, "DOWN", "restarting")),
                "readiness said DOWN while the consumer waited to restart: " + seen);
        int down = seen.indexOf(new Observation(503, "DOWN", "restarting"));
        assertTrue(seen.subList(down, seen.size()).contains(new Observation(200, "UP", "running")),
                "and UP once it ran again: " + seen);
        assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", UUID.fromString(note)),
                "the event that killed the thread was applied once");
    }
}
