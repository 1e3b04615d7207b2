package io.lecturevision.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.LectureImageUploaded;
import io.lecturevision.common.event.contract.PeopleCounted;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.common.testing.TopicReader;
import io.lecturevision.vision.inference.PeopleDetector;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Head counts on real photos with the converted CenterNet, and through the real broker. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PeopleCountTest {

    /** Debian opencv-doc's two basketball players (one cut by the right edge): counted exactly. */
    static final Path TWO_PEOPLE = Path.of("/usr/share/doc/opencv-doc/examples/data/basketball1.png");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "lv.events.topic-partitions")
    int partitions;

    @Inject
    PeopleDetector detector;

    @Inject
    ObjectStorage storage;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void countsTheTwoBasketballPlayers() throws Exception {
        assertTrue(Files.isRegularFile(TWO_PEOPLE), TWO_PEOPLE + " missing: apt-get install -y opencv-doc "
                + "(vision-service/models/fetch installs it)");
        PeopleDetector.Count count = detector.count(ImageIO.read(TWO_PEOPLE.toFile()));
        assertEquals(2, count.count(), "people found: " + count.people());
    }

    @Test
    void anUploadedSnapshotIsCountedAndAnsweredThroughTheBroker() throws Exception {
        long uploadId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String key = "test-snapshots/" + uploadId + ".png";
        storage.put(key, "image/png", TWO_PEOPLE);
        try (TopicReader answers = new TopicReader(Brokers.direct(), Contracts.PEOPLE_COUNTED)) {
            publish(uploadId, storage.presignGet(key).toString());
            ConsumerRecord<String, String> record = answers.await(r -> Long.toString(uploadId).equals(r.key()), WAIT);
            JsonNode data = mapper.readTree(record.value()).path("data");
            assertEquals(uploadId, data.path("uploadId").asLong());
            assertEquals("done", data.path("status").asText());
            assertEquals(2, data.path("detectedCount").asInt());
            assertEquals(PeopleDetector.MODEL, data.path("model").asText());
            assertTrue(data.path("durationMs").asLong() > 0);
            assertTrue(data.path("error").isNull());
        }
        assertEquals(2L, ((Number) Db.scalar(dataSource, "SELECT count FROM people_count WHERE upload_id = ?", uploadId)).longValue());
        String boxes = (String) Db.scalar(dataSource, "SELECT detections FROM people_count WHERE upload_id = ?", uploadId);
        assertEquals(2, mapper.readTree(boxes).size(), boxes);
        storage.delete(key);
    }

    @Test
    void aSecondAnnouncementOfAnUploadIsCountedAgainInItsRowAndTheConsumerGoesOn() throws Exception {
        long counted = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        long next = sameUploadPartitionAs(counted); // so its answer means the event before it was handled
        try (TopicReader answers = new TopicReader(Brokers.direct(), Contracts.PEOPLE_COUNTED)) {
            publish(counted, storage.presignGet("test-snapshots/never-stored.png").toString());
            answers.await(r -> Long.toString(counted).equals(r.key()), WAIT);
            publish(counted, storage.presignGet("test-snapshots/never-stored.png").toString());
            publish(next, storage.presignGet("test-snapshots/never-stored.png").toString());
            answers.await(r -> Long.toString(next).equals(r.key()), WAIT);
            long answered = answers.readToEnd(WAIT).stream().filter(r -> Long.toString(counted).equals(r.key()))
                    .map(r -> eventId(r)).distinct().count(); // a redelivered copy is allowed, and ignored
            assertEquals(2, answered, "each announcement was answered");
        }
        assertEquals(1L, Db.count(dataSource, "SELECT count(*) FROM people_count WHERE upload_id = ?", counted));
    }

    @Test
    void anImageThatCannotBeFetchedIsAnsweredFailed() throws Exception {
        long uploadId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        try (TopicReader answers = new TopicReader(Brokers.direct(), Contracts.PEOPLE_COUNTED)) {
            publish(uploadId, storage.presignGet("test-snapshots/never-stored.png").toString());
            ConsumerRecord<String, String> record = answers.await(r -> Long.toString(uploadId).equals(r.key()), WAIT);
            JsonNode data = mapper.readTree(record.value()).path("data");
            assertEquals("failed", data.path("status").asText());
            assertTrue(data.path("detectedCount").isNull());
            assertEquals("image URL answered 404", data.path("error").asText());
        }
    }

    private String eventId(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long sameUploadPartitionAs(long uploadId) {
        long other;
        do {
            other = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (partitionOf(other) != partitionOf(uploadId));
        return other;
    }

    private int partitionOf(long uploadId) {
        return Utils.toPositive(Utils.murmur2(Long.toString(uploadId).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void publish(long uploadId, String url) {
        QuarkusTransaction.requiringNew().run(() -> outbox.emit(Contracts.LECTURE_IMAGE_UPLOADED, Long.toString(uploadId),
                new LectureImageUploaded(uploadId, "camera-owner", "lv-uploads-test", "uploads/x.png", "image/png",
                        640, 480, 1000, "0".repeat(64), 2, Instant.now(), url)));
    }
}
