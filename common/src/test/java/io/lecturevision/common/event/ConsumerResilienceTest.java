package io.lecturevision.common.event;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testapp.NoteService;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.InjectProxies;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.Proxies;
import io.lecturevision.common.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumers through a database outage and a thread killed under them, on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class ConsumerResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CONSUMER = "note-effects";

    @InjectProxies
    Proxies proxies;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void eventsArrivingWhileTheDatabaseIsAwayAreAllAppliedOnceAfterItReturnsAndNoneDeadLettered() throws Exception {
        List<UUID> notes = new ArrayList<>();
        double retriesBefore = retries();
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED + ".dlt");
             KafkaProducer<String, String> producer = EventConsumersTest.producer()) {
            awaitConsumers("UP", "running");
            proxies.database().cut();
            try {
                for (int i = 0; i < 200; i++) {
                    UUID note = UUID.randomUUID();
                    notes.add(note);
                    producer.send(new ProducerRecord<>(NoteService.NOTE_CREATED, note.toString(), """
                            {"specversion":"1.0","id":"%s","source":"outage-test","type":"test.note-created",
                             "subject":"%s","time":"2026-12-01T10:00:00Z","datacontenttype":"application/json",
                             "data":{"noteId":"%s","text":"sent during the outage %d"}}"""
                            .formatted(UUID.randomUUID(), note, note, i)));
                }
                producer.flush();
                JsonPath down = awaitConsumers("DOWN", "retrying");
                assertTrue(down.getString("checks.find { it.name == 'event-consumers' }.data.'note-effects.lastError'")
                        .length() > 0);
                // The outage lasts a dozen tries (about 10 s with backoff capped at 1 s in tests).
                await().atMost(WAIT).until(() -> retries() >= retriesBefore + 12);
            } finally {
                proxies.database().restore();
            }
            await().atMost(WAIT).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM note_effect WHERE note_id::text = ANY (?)", (Object) ids(notes)) == 200);
            assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM note_effect WHERE note_id::text = ANY (?) AND applied <> 1",
                    (Object) ids(notes)), "each applied exactly once");
            awaitConsumers("UP", "running");
            Set<String> keys = notes.stream().map(UUID::toString).collect(Collectors.toSet());
            assertTrue(deadLetters.readToEnd(WAIT).stream().noneMatch(r -> keys.contains(r.key())), "none dead-lettered");
        }
    }

    @Test
    void aConsumerWhoseThreadIsKilledRunsAgainAndAppliesTheEventOnce() {
        int restartsBefore = restarts();
        String note = given().contentType(ContentType.JSON).body(Map.of("text", "kill-consumer"))
                .when().post("/test/notes").then().statusCode(200).extract().path("id");

        await().atMost(WAIT).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(note)) == 1);
        assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", UUID.fromString(note)));
        JsonPath ready = awaitConsumers("UP", "running");
        assertEquals(restartsBefore + 1, restarts());
        assertTrue(ready.getString("checks.find { it.name == 'event-consumers' }.data.'note-effects.lastError'")
                .contains("killed by event"));
        assertTrue(ready.getString("checks.find { it.name == 'event-consumers' }.data.'note-effects.partitions'")
                .contains(NoteService.NOTE_CREATED + "-"));
    }

    private static String[] ids(List<UUID> notes) {
        return notes.stream().map(UUID::toString).toArray(String[]::new);
    }

    private double retries() {
        return registry.get("lv.events.consumer.retries").tag("consumer", CONSUMER).counter().count();
    }

    private int restarts() {
        return (int) registry.get("lv.events.consumer.restarts").tag("consumer", CONSUMER).gauge().value();
    }

    /** Waits until the event-consumers check has {@code status} and the consumer {@code state}. */
    static JsonPath awaitConsumers(String status, String state) {
        List<JsonPath> last = new ArrayList<>(1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = given().when().get("/q/health/ready");
            JsonPath body = response.jsonPath();
            last.clear();
            last.add(body);
            return status.equals(body.getString("checks.find { it.name == 'event-consumers' }.status"))
                    && state.equals(body.getString("checks.find { it.name == 'event-consumers' }.data.'note-effects.state'"));
        });
        return last.get(0);
    }
}
