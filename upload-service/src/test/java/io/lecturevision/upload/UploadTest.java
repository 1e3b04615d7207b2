package io.lecturevision.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.LectureImageUploaded;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UploadTest {

    @Inject
    TestClock clock;

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] PHOTO = Uploads.jpeg(480, 360, 42);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectStorage storage;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventContracts contracts;

    @Test
    void aSignedUploadIsStoredUnderAGeneratedNameAndAnnounced() throws Exception {
        assertTrue(PHOTO.length > 80_000, "a realistic photo, " + PHOTO.length + " bytes");
        String user = Uploads.newUser();
        try (TopicReader topic = new TopicReader(Brokers.direct(), Contracts.LECTURE_IMAGE_UPLOADED)) {
            ExtractableResponse<Response> response = Uploads.signed(Uploads.token(user), PHOTO, "../../etc/passwd.jpg",
                            "image/jpeg", "3", "unique-key-" + UUID.randomUUID())
                    .header("X-Request-ID", "camera-7-req-1")
                    .when().post("/upload").then().statusCode(200)
                    .body("people_count", equalTo(3))
                    .body("original_name", equalTo("passwd.jpg"))
                    .body("stored_name", endsWith(".jpg")).body("stored_name", not(equalTo("passwd.jpg")))
                    .body("abs_path", startsWith("s3://lv-uploads-test/uploads/"))
                    .body("count_status", equalTo("pending"))
                    .extract();
            long id = ((Number) response.path("id")).longValue();
            String absPath = response.path("abs_path");
            String objectKey = absPath.substring("s3://lv-uploads-test/".length());
            assertEquals(PHOTO.length, storage.head(objectKey).orElseThrow().size());
            assertEquals(Instant.parse(response.path("uploaded_at")), ((java.sql.Timestamp) Db.scalar(dataSource,
                    "SELECT uploaded_at FROM upload WHERE id = ?", id)).toInstant());

            ConsumerRecord<String, String> record = topic.await(r -> Long.toString(id).equals(r.key()), WAIT);
            EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
            assertEquals(Contracts.LECTURE_IMAGE_UPLOADED, event.type());
            assertEquals("upload-service", event.source());
            assertEquals("camera-7-req-1", event.requestId());
            assertEquals(id, event.data().path("uploadId").asLong());
            assertEquals(objectKey, event.data().path("objectKey").asText());
            assertEquals("image/jpeg", event.data().path("contentType").asText());
            assertEquals(480, event.data().path("width").asInt());
            assertEquals(3, event.data().path("peopleCount").asInt());
            assertEquals(user, event.data().path("ownerId").asText());
            assertEquals(id, contracts.read(event, LectureImageUploaded.class).uploadId(), "the contract holds");
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(event.data().path("imageUrl").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(PHOTO, fetched.body(), "the vision service can fetch the image with the presigned URL");
        }
    }

    @Test
    void pngIsAcceptedToo() {
        Uploads.signed(Uploads.token(Uploads.newUser()), Uploads.png(64, 48), "room.png", "image/png", "0", key())
                .when().post("/upload").then().statusCode(200).body("stored_name", endsWith(".png"));
    }

    @Test
    void missingIdempotencyKeyIs400() {
        Uploads.signed(Uploads.token(Uploads.newUser()), PHOTO, "a.jpg", "image/jpeg", "1", null)
                .when().post("/upload").then().statusCode(400).body("detail", equalTo("Missing Idempotency-Key header"));
    }

    @Test
    void signatureChecksSayWhichCheckFailed() {
        String token = Uploads.token(Uploads.newUser());
        Uploads.client(token).header("Idempotency-Key", key()).header("X-Signature", "00")
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Missing X-Timestamp header"));
        String now = Uploads.now();
        Uploads.client(token).header("Idempotency-Key", key()).header("X-Timestamp", now)
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(401).body("detail", equalTo("Missing X-Signature header"));
        byte[] tampered = PHOTO.clone();
        tampered[tampered.length / 2] ^= 1;
        Uploads.client(token).header("Idempotency-Key", key()).header("X-Timestamp", now)
                .header("X-Signature", Uploads.sign(now, PHOTO, Uploads.SECRET))
                .multiPart("file", "a.jpg", tampered, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(401).body("detail", equalTo("Invalid signature"));
        Uploads.client(token).header("Idempotency-Key", key()).header("X-Timestamp", now)
                .header("X-Signature", Uploads.sign(now, PHOTO, "someone-elses-secret"))
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(401).body("detail", equalTo("Invalid signature"));
    }

    @Test
    void timestampsOutsideTheReplayWindowAreRefused() {
        String token = Uploads.token(Uploads.newUser());
        long now = clock.freeze().getEpochSecond();
        try {
            for (long offset : new long[] {-301, 301}) {
                String ts = Long.toString(now + offset);
                Uploads.client(token).header("Idempotency-Key", key()).header("X-Timestamp", ts)
                        .header("X-Signature", Uploads.sign(ts, PHOTO, Uploads.SECRET))
                        .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                        .when().post("/upload").then().statusCode(401)
                        .body("detail", equalTo("X-Timestamp is outside the allowed window of 300 seconds"));
            }
            for (long offset : new long[] {-300, 300}) {
                String inside = Long.toString(now + offset);
                Uploads.client(token).header("Idempotency-Key", key()).header("X-Timestamp", inside)
                        .header("X-Signature", Uploads.sign(inside, PHOTO, Uploads.SECRET))
                        .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                        .when().post("/upload").then().statusCode(200);
            }
        } finally {
            clock.release();
        }
    }

    @Test
    void onlyRealJpegOrPngIsAcceptedWhateverTheDeclaredType() {
        String token = Uploads.token(Uploads.newUser());
        byte[] text = "definitely not an image, just text pretending".getBytes();
        Uploads.signed(token, text, "photo.jpg", "image/jpeg", "1", key()).when().post("/upload").then().statusCode(415);
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Uploads.signed(token, gif, "photo.png", "image/png", "1", key()).when().post("/upload").then().statusCode(415)
                .body("detail", startsWith("Only JPEG and PNG"));
        byte[] truncatedJpeg = Arrays.copyOf(PHOTO, 4);
        Uploads.signed(token, truncatedJpeg, "a.jpg", "image/jpeg", "1", key()).when().post("/upload").then().statusCode(415);
        // A JPEG declared as text is still a JPEG: the content decides.
        Uploads.signed(token, PHOTO, "a.txt", "text/plain", "1", key()).when().post("/upload").then().statusCode(200);
    }

    @Test
    void peopleCountMustBeANonNegativeInteger() {
        String token = Uploads.token(Uploads.newUser());
        for (String bad : new String[] {"-1", "three", "2.5"}) {
            Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", bad, key()).when().post("/upload").then().statusCode(422)
                    .body("detail[0].loc", contains("body", "people_count"));
        }
        Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", null, key()).when().post("/upload").then().statusCode(422)
                .body("detail[0].type", equalTo("missing"));
    }

    @Test
    void filesOverTenMegabytesAre413() {
        String token = Uploads.token(Uploads.newUser());
        byte[] justOver = Arrays.copyOf(PHOTO, 10 * 1024 * 1024 + 1);
        Uploads.signed(token, justOver, "big.jpg", "image/jpeg", "1", key()).when().post("/upload").then().statusCode(413)
                .body("detail", equalTo("File too large: the limit is 10485760 bytes"));
        // Past the HTTP body limit, Quarkus refuses from Content-Length before reading the body.
        byte[] farOver = Arrays.copyOf(PHOTO, 12 * 1024 * 1024);
        Uploads.signed(token, farOver, "huge.jpg", "image/jpeg", "1", key()).when().post("/upload").then().statusCode(413);
    }

    @Test
    void aPixelFloodIsRefusedFromItsHeader() {
        byte[] flood = pngHeader(50_000, 50_000);
        Uploads.signed(Uploads.token(Uploads.newUser()), flood, "flood.png", "image/png", "1", key())
                .when().post("/upload").then().statusCode(422).body("detail", startsWith("Image too large: 50000x50000"));
    }

    @Test
    void listShowsTheCallersUploadsNewestFirstAndTheImageStreamsToItsOwner() {
        String user = Uploads.newUser();
        String token = Uploads.token(user);
        long first = ((Number) Uploads.signed(token, PHOTO, "first.jpg", "image/jpeg", "1", key())
                .when().post("/upload").then().statusCode(200).extract().path("id")).longValue();
        long second = ((Number) Uploads.signed(token, Uploads.png(10, 10), "second.png", "image/png", "2", key())
                .when().post("/upload").then().statusCode(200).extract().path("id")).longValue();

        Uploads.client(token).when().get("/uploads").then().statusCode(200)
                .body("id", contains((int) second, (int) first))
                .body("[0].original_name", equalTo("second.png"));
        Uploads.client(token).when().get("/uploads?skip=1&limit=1").then().statusCode(200).body("id", contains((int) first));
        Uploads.client(token).when().get("/uploads?limit=5000").then().statusCode(422);

        var served = Uploads.client(token).when().get("/uploads/" + first + "/image").then().statusCode(200)
                .contentType("image/jpeg").extract();
        assertEquals(List.of("nosniff"), served.headers().getValues("X-Content-Type-Options"));
        byte[] image = served.asByteArray();
        assertArrayEquals(PHOTO, image);

        String stranger = Uploads.token(Uploads.newUser());
        Uploads.client(stranger).when().get("/uploads/" + first).then().statusCode(404);
        Uploads.client(stranger).when().get("/uploads/" + first + "/image").then().statusCode(404);
        Uploads.client(stranger).when().get("/uploads").then().statusCode(200).body("id", not(org.hamcrest.Matchers.hasItem((int) first)));
        Uploads.client(Uploads.adminToken(Uploads.newUser())).when().get("/uploads/" + first).then().statusCode(200);
    }

    @Test
    void uploadsNeedAToken() {
        io.restassured.RestAssured.given().multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    /** A PNG signature and IHDR chunk claiming {@code width}x{@code height}, with no pixel data at all. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 25);
        buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        buffer.putInt(13).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 12, 17);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }
}
