package io.lecturevision.common.event;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testapp.NoteService;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotent consumers on the real broker: redelivery, poison and contract-invalid records, rejected and flaky events. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class EventConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = NoteService.NOTE_CREATED + ".dlt";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        UUID noteId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String envelope = """
                {"id":"%s","type":"test.note-created","occurredAt":"2026-11-22T10:00:00Z","source":"elsewhere",
                 "subject":"%s","data":{"noteId":"%s","text":"sent twice"},"requestId":"redelivery-1"}"""
                .formatted(eventId, noteId, noteId);
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED);
             KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(NoteService.NOTE_CREATED, noteId.toString(), envelope)).get();
            producer.send(new ProducerRecord<>(NoteService.NOTE_CREATED, noteId.toString(), envelope)).get();
            ConsumerRecord<String, String> second = topic.readToEnd(WAIT).stream()
                    .filter(r -> noteId.toString().equals(r.key())).reduce((a, b) -> b).orElseThrow();
            OutboxTest.awaitConsumedPast(second);
        }
        assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", noteId));
        assertEquals(1, Db.count(dataSource, "SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer = 'note-effects'", eventId));
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheConsumerCarriesOn() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), DEAD_LETTERS);
             KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(NoteService.NOTE_CREATED, poisonKey, "this is { not an event")).get();
            String next = createNote("after the poison");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> poisonKey.equals(r.key()), WAIT);
            assertEquals("this is { not an event", dead.value());
            assertTrue(OutboxTest.header(dead, EventConsumers.HEADER_DLT_REASON).length() > 0);
            assertTrue(OutboxTest.header(dead, EventConsumers.HEADER_DLT_ORIGIN).startsWith(NoteService.NOTE_CREATED + "-"));
            assertEquals("note-effects", OutboxTest.header(dead, EventConsumers.HEADER_DLT_CONSUMER));
            awaitApplied(next);
        }
    }

    @Test
    void eventTheHandlerRejectsForGoodIsDeadLetteredAtOnceWithTheReason() {
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), DEAD_LETTERS)) {
            String failing = createNote("always-fail");
            String next = createNote("after the failing one");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> failing.equals(r.key()), WAIT);
            assertEquals(PermanentEventFailure.class.getName(), OutboxTest.header(dead, EventConsumers.HEADER_DLT_EXCEPTION));
            assertEquals("this note can never be applied", OutboxTest.header(dead, EventConsumers.HEADER_DLT_REASON));
            awaitApplied(next);
            assertEquals(1, deadLetters.readToEnd(WAIT).stream().filter(r -> failing.equals(r.key())).count(),
                    "dead-lettered once");
            assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(failing)));
            assertEquals(0, Db.count(dataSource,
                    "SELECT count(*) FROM processed_event p JOIN outbox_event o ON o.id = p.event_id WHERE o.event_key = ?",
                    failing), "a failed attempt leaves no processed mark");
        }
    }

    @Test
    void eventBreakingItsContractIsDeadLetteredAtOnceWithTheReason() throws Exception {
        String key = UUID.randomUUID().toString();
        String invalid = """
                {"specversion":"1.0","id":"%s","source":"elsewhere","type":"test.note-created","subject":"%s",
                 "time":"2026-11-22T10:00:00Z","datacontenttype":"application/json","data":{"noteId":"not-a-uuid"}}"""
                .formatted(UUID.randomUUID(), key);
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), DEAD_LETTERS);
             KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(NoteService.NOTE_CREATED, key, invalid)).get();
            String next = createNote("after the invalid one");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> key.equals(r.key()), WAIT);
            assertEquals(invalid, dead.value());
            assertEquals(ContractViolation.class.getName(), OutboxTest.header(dead, EventConsumers.HEADER_DLT_EXCEPTION));
            assertTrue(OutboxTest.header(dead, EventConsumers.HEADER_DLT_REASON).startsWith(
                    "test.note-created data is not a NoteCreated"), OutboxTest.header(dead, EventConsumers.HEADER_DLT_REASON));
            awaitApplied(next);
            assertEquals(1, deadLetters.readToEnd(WAIT).stream().filter(r -> key.equals(r.key())).count());
        }
    }

    @Test
    void eventFailingForAPassingReasonIsRetriedAndAppliedOnceNeverDeadLettered() {
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), DEAD_LETTERS)) {
            String flaky = createNote("fail-twice");
            String next = createNote("after the flaky one");

            awaitApplied(flaky);
            awaitApplied(next);
            assertTrue(deadLetters.readToEnd(WAIT).stream().noneMatch(r -> flaky.equals(r.key())));
        }
    }

    @Test
    void aDeadLetteredRecordReplayedWithTheSuiteCommandIsAppliedOnce() throws Exception {
        UUID note = UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"elsewhere","type":"test.note-created","subject":"%s",
                 "time":"2026-12-01T10:00:00Z","datacontenttype":"application/json",
                 "data":{"noteId":"%s","text":"dead-lettered while its cause lasted"}}"""
                .formatted(UUID.randomUUID(), note, note);
        try (TopicReader topic = new TopicReader(Brokers.direct(), NoteService.NOTE_CREATED);
             KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> dead = new ProducerRecord<>(DEAD_LETTERS, note.toString(), event);
            dead.headers().add(EventConsumers.HEADER_DLT_REASON, "database unreachable".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("X-Request-ID", "replayed-1".getBytes(StandardCharsets.UTF_8));
            producer.send(dead).get();

            assertTrue(replay().contains("record(s) from " + DEAD_LETTERS + " to " + NoteService.NOTE_CREATED));
            awaitApplied(note.toString());
            replay(); // a second replay moves nothing again

            ConsumerRecord<String, String> back = topic.await(r -> note.toString().equals(r.key()), WAIT);
            assertEquals(event, back.value());
            assertEquals("replayed-1", OutboxTest.header(back, "X-Request-ID"));
            assertNull(back.headers().lastHeader(EventConsumers.HEADER_DLT_REASON), "the dead-letter headers are dropped");
            OutboxTest.awaitConsumedPast(back);
            assertEquals(1, topic.readToEnd(WAIT).stream().filter(r -> note.toString().equals(r.key())).count());
            assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", note));
        }
    }

    @Test
    void metricsDescribeTheConsumersAndTheOutbox() {
        awaitApplied(createNote("measured"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String metric : List.of("lv_events_consumer_lag{consumer=\"note-effects\"",
                "lv_events_consumer_restarts{consumer=\"note-effects\"", "lv_events_consumer_retries_total{consumer=\"note-effects\"",
                "lv_events_dead_lettered_total{consumer=\"note-effects\"", "lv_events_outbox_backlog_rows ",
                "lv_events_outbox_backlog_oldest_age_seconds ", "lv_events_relay_publish_seconds_count ")) {
            assertTrue(metrics.contains(metric), metric + " in /q/metrics");
        }
    }

    /** Runs {@code infra/suite dlt-replay} on the test topic against the same broker; returns its output. */
    private static String replay() throws Exception {
        Process process = new ProcessBuilder("bash", "../infra/suite", "dlt-replay", NoteService.NOTE_CREATED)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "dlt-replay finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private String createNote(String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/test/notes").then().statusCode(200).extract().path("id");
    }

    private void awaitApplied(String noteId) {
        await().atMost(WAIT).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(noteId)) == 1);
        assertEquals(1, Db.count(dataSource, "SELECT applied FROM note_effect WHERE note_id = ?", UUID.fromString(noteId)));
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Brokers.admin(Map.of(
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class)));
    }
}
