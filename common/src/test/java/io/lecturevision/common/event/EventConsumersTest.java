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

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotent consumers on the real broker: redelivery, poison records, handlers that keep failing. */
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
    void eventWhoseHandlerKeepsFailingIsDeadLetteredWithTheError() {
        try (TopicReader deadLetters = new TopicReader(Brokers.direct(), DEAD_LETTERS)) {
            String failing = createNote("always-fail");
            String next = createNote("after the failing one");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> failing.equals(r.key()), WAIT);
            assertEquals(IllegalStateException.class.getName(), OutboxTest.header(dead, EventConsumers.HEADER_DLT_EXCEPTION));
            assertEquals("this note can never be applied", OutboxTest.header(dead, EventConsumers.HEADER_DLT_REASON));
            awaitApplied(next);
            assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(failing)));
            assertEquals(0, Db.count(dataSource,
                    "SELECT count(*) FROM processed_event p JOIN outbox_event o ON o.id = p.event_id WHERE o.event_key = ?",
                    failing), "a failed attempt leaves no processed mark");
        }
    }

    private String createNote(String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/test/notes").then().statusCode(200).extract().path("id");
    }

    private void awaitApplied(String noteId) {
        await().atMost(WAIT).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM note_effect WHERE note_id = ?", UUID.fromString(noteId)) == 1);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", Brokers.direct(),
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class));
    }
}
