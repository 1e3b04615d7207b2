package io.lecturevision.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testapp.NoteService;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.ConsumerGroups;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.InjectProxies;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.Proxies;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox against the real PostgreSQL and Kafka: commit, rollback, broker outage, relay crash. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectProxies
    Proxies proxies;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Test
    void committedChangePublishesExactlyOneEnvelope() throws Exception {
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED)) {
            String id = createNote("hello", "req-outbox-1");

            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), WAIT);
            EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
            assertEquals(NoteService.NOTE_CREATED, event.type());
            assertEquals(id, event.subject());
            assertEquals("common-test", event.source());
            assertEquals("req-outbox-1", event.requestId());
            assertEquals(id, event.data().path("noteId").asText());
            assertEquals("hello", event.data().path("text").asText());
            assertNotNull(event.occurredAt());
            assertEquals(event.id().toString(), header(record, OutboxRelay.HEADER_EVENT_ID));
            assertEquals("req-outbox-1", header(record, "X-Request-ID"));

            awaitPublished(id);
            assertEquals(1, topic.readToEnd(WAIT).stream().filter(r -> id.equals(r.key())).count());
            awaitApplied(id);
        }
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String marker = "rolled-back-" + UUID.randomUUID();
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED)) {
            given().contentType(ContentType.JSON).body(Map.of("text", marker))
                    .when().post("/test/notes?fail=true").then().statusCode(500);
            String sentinel = createNote("sentinel", null);
            topic.await(r -> sentinel.equals(r.key()), WAIT);
            awaitPublished(sentinel);

            List<ConsumerRecord<String, String>> records = topic.readToEnd(WAIT);
            assertTrue(records.stream().noneMatch(r -> r.value().contains(marker)), "a rolled-back event was published");
            assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE payload LIKE ?", "%" + marker + "%"));
            assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM note WHERE text = ?", marker));
        }
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveOnceItIsBack() {
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED)) {
            String id;
            proxies.kafka().cut();
            try {
                id = createNote("written during an outage", null);
                await().atMost(WAIT).until(() -> Db.count(dataSource,
                        "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL",
                        id) == 1);
            } finally {
                proxies.kafka().restore();
            }
            topic.await(r -> id.equals(r.key()), WAIT);
            awaitPublished(id);
            assertEquals(1, topic.readToEnd(WAIT).stream().filter(r -> id.equals(r.key())).count());
            awaitApplied(id);
        }
    }

    @Test
    void eventRepublishedAfterARelayCrashIsAppliedOnce() throws Exception {
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED)) {
            String id = createNote("published twice", null);
            awaitPublished(id);
            awaitApplied(id);

            // What a relay killed between "sent" and "marked" leaves behind: a published row still pending.
            assertEquals(1, Db.update(dataSource, "UPDATE outbox_event SET sent_at = NULL WHERE event_key = ?", id));
            awaitPublished(id);

            List<ConsumerRecord<String, String>> copies = topic.readToEnd(WAIT).stream()
                    .filter(r -> id.equals(r.key())).toList();
            assertEquals(2, copies.size(), "the row is published again");
            assertEquals(header(copies.get(0), OutboxRelay.HEADER_EVENT_ID), header(copies.get(1), OutboxRelay.HEADER_EVENT_ID));

            ConsumerRecord<String, String> duplicate = copies.get(1);
            awaitConsumedPast(duplicate);
            assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", UUID.fromString(id)),
                    "the duplicate changed nothing");
        }
    }

    @Test
    void aBatchThatFailsMidwayIsSeenByNoConsumerAndLaterArrivesInOrder() throws Exception {
        String key = "mid-batch-" + UUID.randomUUID();
        try (TopicReader topic = new TopicReader(Brokers.direct(), RelayOrderTest.TOPIC)) {
            // Three events of one key committed together; the middle one made too large for the broker,
            // so the relay's batch fails after its first event was handed to the producer.
            List<String> ids = QuarkusTransaction.requiringNew().call(() -> {
                List<String> written = new ArrayList<>();
                for (int n = 0; n < 3; n++) {
                    written.add(outbox.emit(RelayOrderTest.TOPIC, key, Map.of("key", key, "n", n)).id().toString());
                }
                Db.update(dataSource, "UPDATE outbox_event SET payload = '{\"padding\":\"' || repeat('x', 1200000) || '\",' "
                        + "|| substr(payload, 2) WHERE id = ?", UUID.fromString(written.get(1)));
                return written;
            });
            await().atMost(WAIT).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM outbox_event WHERE event_key = ? AND last_error LIKE '%RecordTooLarge%'", key) >= 1);

            assertEquals(0, Db.count(dataSource,
                    "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NOT NULL", key));
            assertTrue(topic.readToEnd(WAIT).stream().noneMatch(r -> key.equals(r.key())),
                    "no event of the failed batch is visible, not even the one before the failure");

            assertEquals(1, Db.update(dataSource,
                    "UPDATE outbox_event SET payload = '{' || substr(payload, 1200015) WHERE id = ?", UUID.fromString(ids.get(1))));
            await().atMost(WAIT).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NOT NULL", key) == 3);
            List<String> seen = topic.readToEnd(WAIT).stream().filter(r -> key.equals(r.key()))
                    .map(r -> header(r, OutboxRelay.HEADER_EVENT_ID)).distinct().toList();
            assertEquals(ids, seen, "the key's events in commit order");
        }
    }

    @Test
    void anEventTheRelayCouldNeverSendIsRefusedWhenWritten() {
        String key = "refused-" + UUID.randomUUID();
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () ->
                QuarkusTransaction.requiringNew().run(() ->
                        outbox.emit(RelayOrderTest.TOPIC, key, Map.of("text", "x".repeat(Outbox.MAX_EVENT_BYTES)))));
        assertTrue(tooLarge.getMessage().contains("more than the " + Outbox.MAX_EVENT_BYTES), tooLarge.getMessage());
        IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class, () ->
                QuarkusTransaction.requiringNew().run(() -> outbox.emit("corporation.plan-changed", key, Map.of())));
        assertTrue(notOurs.getMessage().contains("does not publish corporation.plan-changed"), notOurs.getMessage());
        assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE event_key = ?", key));
    }

    private String createNote(String text, String requestId) {
        var request = given().contentType(ContentType.JSON).body(Map.of("text", text));
        if (requestId != null) {
            request = request.header("X-Request-ID", requestId);
        }
        return request.when().post("/test/notes").then().statusCode(200).extract().path("id");
    }

    private void awaitPublished(String key) {
        await().atMost(WAIT).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NOT NULL", key) == 1);
    }

    private void awaitApplied(String noteId) {
        await().atMost(WAIT).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(noteId)) == 1);
        assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", UUID.fromString(noteId)));
    }

    /** Waits until the handler's consumer group has committed past {@code record}. */
    static void awaitConsumedPast(ConsumerRecord<String, String> record) {
        ConsumerGroups.awaitCommittedPast("common-test-test.note-effects", record, WAIT);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
