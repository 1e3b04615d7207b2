package io.lecturevision.upload;

import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.HostileInputs;
import io.lecturevision.common.testing.HostileInputs.Hostile;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every route of upload-service fed the hostile values of common's {@link HostileInputs}: each is a
 * 4xx in FastAPI's shape and writes nothing. Uploads are correctly signed (v2, which covers the
 * count and the key), so the value itself is what is judged. File names are not refused: they are
 * only shown back, without control characters and cut to 255 (common's ClientFileNames).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class HostileInputTest {

    private static final byte[] PHOTO = Uploads.jpeg(32, 32, 9);

    @Inject
    DataSource dataSource;

    private Supplier<List<Long>> rows() {
        return () -> List.of(Db.count(dataSource, "SELECT count(*) FROM upload"),
                Db.count(dataSource, "SELECT count(*) FROM upload_client"),
                Db.count(dataSource, "SELECT count(*) FROM idempotency_key"));
    }

    @TestFactory
    Stream<DynamicTest> uploadPeopleCount() {
        String token = Uploads.token(Uploads.newUser());
        return HostileInputs.refused("POST /upload people_count", HostileInputs.numbers(),
                (Hostile count) -> Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", (String) count.value(),
                        UUID.randomUUID().toString()).when().post("/upload"),
                rows());
    }

    @TestFactory
    Stream<DynamicTest> uploadTimestamp() {
        String token = Uploads.token(Uploads.newUser());
        return HostileInputs.refused("POST /upload X-Timestamp", HostileInputs.numbers().stream()
                        .filter(value -> !value.label().equals("NUL")).toList(),
                (Hostile timestamp) -> {
                    String key = UUID.randomUUID().toString();
                    return Uploads.client(token).header("X-Timestamp", timestamp.value())
                            .header("X-Signature", Uploads.signV2((String) timestamp.value(), key, null, "1", PHOTO, Uploads.SECRET))
                            .header("Idempotency-Key", key)
                            .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                            .when().post("/upload");
                },
                rows());
    }

    @TestFactory
    Stream<DynamicTest> uploadIdempotencyKey() {
        String token = Uploads.token(Uploads.newUser());
        return HostileInputs.refused("POST /upload Idempotency-Key",
                List.of(new Hostile("overlong (300 characters)", "k".repeat(300)), new Hostile("empty", "")),
                (Hostile key) -> Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", "1", (String) key.value()).when().post("/upload"),
                rows());
    }

    @TestFactory
    Stream<DynamicTest> uploadMalformedMultipart() {
        String token = Uploads.token(Uploads.newUser());
        return HostileInputs.refused("POST /upload multipart", HostileInputs.malformedMultipart("file", PHOTO),
                (HostileInputs.Multipart body) -> {
                    String timestamp = Uploads.now();
                    String key = UUID.randomUUID().toString();
                    return Uploads.client(token).header("X-Timestamp", timestamp)
                            .header("X-Signature", Uploads.signV2(timestamp, key, null, null, PHOTO, Uploads.SECRET))
                            .header("Idempotency-Key", key)
                            .contentType(body.contentType()).body(body.body()).when().post("/upload");
                },
                rows());
    }

    @TestFactory
    Stream<DynamicTest> newUploadClientName() {
        String admin = TestJwtKeys.token(Uploads.newUser(), "admin", UUID.randomUUID());
        List<Hostile> values = new java.util.ArrayList<>(HostileInputs.requiredText());
        values.add(new Hostile("only spaces", "   "));
        return Stream.concat(
                HostileInputs.refused("POST /upload-clients name", values,
                        (Hostile name) -> Uploads.client(admin).contentType(ContentType.JSON)
                                .body(HostileInputs.jsonWith(Map.of("name", "Camera"), "name", name.value()))
                                .when().post("/upload-clients"),
                        rows()),
                HostileInputs.refused("POST /upload-clients body", List.of(
                                new Hostile("array", "[]"), new Hostile("string", "\"camera\""), new Hostile("truncated", "{\"name\":"),
                                new Hostile("empty", ""), new Hostile("not JSON", "name=camera")),
                        (Hostile body) -> Uploads.client(admin).contentType(ContentType.JSON).body((String) body.value())
                                .when().post("/upload-clients"),
                        rows()));
    }

    @TestFactory
    Stream<DynamicTest> uploadClientIds() {
        String admin = TestJwtKeys.token(Uploads.newUser(), "admin", UUID.randomUUID());
        List<Hostile> ids = List.of(new Hostile("not a UUID", "camera-1"), new Hostile("NUL", "%00"),
                new Hostile("overlong", "a".repeat(2000)), new Hostile("number", "12"),
                new Hostile("unknown UUID", UUID.randomUUID().toString()));
        return Stream.concat(
                HostileInputs.refused("POST /upload-clients/{id}/rotate", ids,
                        (Hostile id) -> Uploads.client(admin).urlEncodingEnabled(false).when().post("/upload-clients/" + id.value() + "/rotate"),
                        rows()),
                HostileInputs.refused("DELETE /upload-clients/{id}", ids,
                        (Hostile id) -> Uploads.client(admin).urlEncodingEnabled(false).when().delete("/upload-clients/" + id.value()),
                        rows()));
    }

    @TestFactory
    Stream<DynamicTest> uploadsQueryAndIds() {
        String token = Uploads.token(Uploads.newUser());
        List<Hostile> numbers = HostileInputs.queryNumbers();
        return Stream.of(
                        HostileInputs.refused("GET /uploads?skip", numbers,
                                (Hostile n) -> Uploads.client(token).urlEncodingEnabled(false).when().get("/uploads?skip=" + n.value()), rows()),
                        HostileInputs.refused("GET /uploads?limit", numbers,
                                (Hostile n) -> Uploads.client(token).urlEncodingEnabled(false).when().get("/uploads?limit=" + n.value()), rows()),
                        HostileInputs.refused("GET /uploads/{id}", numbers,
                                (Hostile n) -> Uploads.client(token).urlEncodingEnabled(false).when().get("/uploads/" + n.value()), rows()),
                        HostileInputs.refused("GET /uploads/{id}/image", numbers,
                                (Hostile n) -> Uploads.client(token).urlEncodingEnabled(false).when().get("/uploads/" + n.value() + "/image"), rows()))
                .flatMap(s -> s);
    }
}
