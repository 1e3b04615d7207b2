package io.lecturevision.vision;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PhotoApiTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectStorage storage;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URI base;

    @Test
    void anUpscaleIsAcceptedAtOnceAndCompletesWithTheChosenModel() throws Exception {
        String user = Photos.newUser();
        byte[] png = Photos.encode(Photos.noise(64, 48, 1), "png");
        String id = Photos.as(user).multiPart("file", "../../etc/room.png", png, "image/png")
                .multiPart("lat", "37.5665").multiPart("lng", "126.978").multiPart("model", "slim")
                .when().post("/upscale").then().statusCode(200)
                .body("message", equalTo("Upload successful, processing in background"))
                .body("id", notNullValue()).extract().path("id");

        awaitStatus(user, id, "completed");
        Photos.as(user).when().get("/photos").then().statusCode(200).body("", hasSize(1))
                .body("[0].id", equalTo(id)).body("[0].status", equalTo("completed"))
                .body("[0].original_path", equalTo("originals/" + id + ".png"))
                .body("[0].upscaled_path", equalTo("upscaled/" + id + ".jpg"))
                .body("[0].latitude", equalTo(37.5665f)).body("[0].longitude", equalTo(126.978f))
                .body("[0].created_at", notNullValue()).body("[0].model", equalTo("slim"))
                .body("[0].inference_ms", notNullValue()).body("[0].failure_reason", nullValue());

        var served = Photos.as(user).when().get("/photos/" + id).then().statusCode(200)
                .contentType("image/jpeg").extract();
        assertEquals(List.of("nosniff"), served.headers().getValues("X-Content-Type-Options"));
        byte[] upscaled = served.asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(upscaled));
        assertEquals(128, image.getWidth());
        assertEquals(96, image.getHeight());
        byte[] original = Photos.as(user).queryParam("type", "original").when().get("/photos/" + id).then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, original);
    }

    @Test
    void bicubicNeedsNoModelAndDefaultsCoordinatesToZero() {
        String user = Photos.newUser();
        String id = Photos.as(user).multiPart("file", "a.jpg", Photos.encode(Photos.noise(40, 30, 2), "jpg"), "image/jpeg")
                .multiPart("model", "bicubic").when().post("/upscale").then().statusCode(200)
                .extract().path("id");
        awaitStatus(user, id, "completed");
        Photos.as(user).when().get("/photos").then().body("[0].model", equalTo("bicubic"))
                .body("[0].latitude", equalTo(0.0f)).body("[0].longitude", equalTo(0.0f));
    }

    @Test
    void badInputsAnswerWithTheirStatusAndDetail() {
        String user = Photos.newUser();
        given().multiPart("file", "a.png", Photos.encode(Photos.noise(8, 8, 3), "png"), "image/png")
                .when().post("/upscale").then().statusCode(401).body("detail", notNullValue());
        Photos.as(user).multiPart("lat", "1").when().post("/upscale").then().statusCode(422)
                .body("detail[0].loc", contains("body", "file")).body("detail[0].type", equalTo("missing"));
        Photos.as(user).multiPart("file", "a.jpg", "not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .when().post("/upscale").then().statusCode(415)
                .body("detail", equalTo("Only JPEG and PNG images are accepted (checked by content, not by name or type)"));
        Photos.as(user).multiPart("file", "a.png", Photos.encode(Photos.noise(8, 8, 3), "png"), "image/png")
                .multiPart("lat", "north").when().post("/upscale").then().statusCode(422)
                .body("detail[0].loc", contains("body", "lat")).body("detail[0].type", equalTo("float_parsing"));
        Photos.as(user).multiPart("file", "a.png", Photos.encode(Photos.noise(8, 8, 3), "png"), "image/png")
                .multiPart("model", "huge").when().post("/upscale").then().statusCode(422)
                .body("detail[0].loc", contains("body", "model"));
        Photos.as(user).queryParam("limit", 1001).when().get("/photos").then().statusCode(422);
        Photos.as(user).when().get("/photos/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", equalTo("Photo not found"));
        assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM photo WHERE owner_id = ?", user));
    }

    @Test
    void aPixelFloodIsRefusedFromItsHeaderBeforeDecoding() {
        String user = Photos.newUser();
        Photos.as(user).multiPart("file", "flood.png", Photos.pixelFloodPng(), "image/png")
                .when().post("/upscale").then().statusCode(422)
                .body("detail", equalTo("Image too large: 100000x100000 pixels exceeds the limit of 16000000"));
        assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM photo WHERE owner_id = ?", user));
    }

    @Test
    void anotherUsersPhotoIsNotFound() {
        String owner = Photos.newUser();
        String id = Photos.as(owner).multiPart("file", "a.png", Photos.encode(Photos.noise(16, 16, 4), "png"), "image/png")
                .multiPart("model", "bicubic").when().post("/upscale").then().statusCode(200).extract().path("id");
        String stranger = Photos.newUser();
        Photos.as(stranger).when().get("/photos/" + id).then().statusCode(404).body("detail", equalTo("Photo not found"));
        Photos.as(stranger).queryParam("type", "original").when().get("/photos/" + id).then().statusCode(404);
        Photos.as(stranger).when().get("/photos/" + id + "/events").then().statusCode(404);
        Photos.as(stranger).when().delete("/photos/" + id).then().statusCode(404);
        Photos.as(stranger).when().get("/photos").then().statusCode(200).body("", hasSize(0));
        Photos.as(owner).queryParam("type", "original").when().get("/photos/" + id).then().statusCode(200);
    }

    @Test
    void deletingRemovesTheRowAndBothObjects() {
        String user = Photos.newUser();
        String id = Photos.as(user).multiPart("file", "a.png", Photos.encode(Photos.noise(16, 16, 5), "png"), "image/png")
                .multiPart("model", "bicubic").when().post("/upscale").then().statusCode(200).extract().path("id");
        awaitStatus(user, id, "completed");
        Photos.as(user).when().delete("/photos/" + id).then().statusCode(200).body("message", equalTo("Deleted successfully"));
        assertTrue(storage.head("originals/" + id + ".png").isEmpty());
        assertTrue(storage.head("upscaled/" + id + ".jpg").isEmpty());
        Photos.as(user).when().get("/photos/" + id).then().statusCode(404);
        Photos.as(user).when().delete("/photos/" + id).then().statusCode(404);
    }

    @Test
    void theBestCutIsTheSharpestAndIsUpscaled() {
        String user = Photos.newUser();
        byte[] blurred = Photos.encode(Photos.gradient(64, 64), "png");
        byte[] sharp = Photos.encode(Photos.noise(64, 64, 6), "png");
        ExtractableResponse<Response> response = Photos.as(user)
                .multiPart("files", "blurred.png", blurred, "image/png")
                .multiPart("files", "sharp.png", sharp, "image/png")
                .multiPart("files", "blurred-again.png", blurred, "image/png")
                .multiPart("model", "bicubic")
                .when().post("/bestcut").then().statusCode(200)
                .body("message", equalTo("Best cut selected, processing in background"))
                .body("score", greaterThan(1000f)).extract();
        String id = response.path("id");
        assertArrayEquals(sharp, Photos.as(user).queryParam("type", "original").when().get("/photos/" + id)
                .then().statusCode(200).extract().asByteArray());
        awaitStatus(user, id, "completed");
        Photos.as(user).multiPart("model", "bicubic").when().post("/bestcut").then().statusCode(422)
                .body("detail[0].loc", contains("body", "files"));
    }

    /** Time stands still meanwhile: on a slow machine the bucket would refill (one request per 6 s) between requests. */
    @Test
    void upscaleAndBestCutShareALimitOfTenAMinutePerUser() {
        clock.freeze();
        try {
            String user = Photos.newUser();
            for (int i = 0; i < 10; i++) {
                Photos.as(user).multiPart("lat", "1").when().post(i % 2 == 0 ? "/upscale" : "/bestcut").then().statusCode(422);
            }
            Photos.as(user).multiPart("file", "a.png", Photos.encode(Photos.noise(8, 8, 7), "png"), "image/png")
                    .when().post("/upscale").then().statusCode(429).header("Retry-After", notNullValue());
            Photos.as(Photos.newUser()).multiPart("lat", "1").when().post("/upscale").then().statusCode(422);
        } finally {
            clock.release();
        }
    }

    @Test
    void eventsStreamEachStatusChangeAndEndAfterTheLast() throws Exception {
        String user = Photos.newUser();
        String id = Photos.as(user).multiPart("file", "a.png", Photos.encode(Photos.noise(96, 96, 8), "png"), "image/png")
                .multiPart("model", "medium").when().post("/upscale").then().statusCode(200).extract().path("id");
        List<String[]> events = events(user, id);
        assertEquals("completed", events.get(events.size() - 1)[1], "last event " + events.get(events.size() - 1)[2]);
        int previous = 0;
        for (String[] event : events) {
            int version = Integer.parseInt(event[0]);
            assertTrue(version > previous, "ids increase: " + event[0] + " after " + previous);
            previous = version;
        }
    }

    /** An instance that died mid-job leaves it processing; once its lease runs out another worker finishes it. */
    @Test
    void aJobWhoseWorkerDiedIsTakenAgainAndItsStatusChangesAreStreamed() throws Exception {
        String user = Photos.newUser();
        UUID id = UUID.randomUUID();
        Path file = Files.createTempFile("lv-test", ".png");
        Files.write(file, Photos.encode(Photos.noise(24, 24, 9), "png"));
        storage.put("originals/" + id + ".png", "image/png", file);
        Db.update(dataSource, """
                INSERT INTO photo (id, owner_id, original_key, content_type, width, height, status, status_version, model,
                                   scale, latitude, longitude, attempts, lease_until, created_at, started_at)
                VALUES (?, ?, ?, 'image/png', 24, 24, 'processing', 2, 'bicubic', 2, 0, 0, 1, ?, ?, ?)""",
                id, user, "originals/" + id + ".png", Timestamp.from(Instant.now().plusSeconds(3600)),
                Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        HttpResponse<java.io.InputStream> stream = openEvents(user, id.toString());
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String[] first = nextEvent(reader);
        assertEquals("2", first[0]);
        assertEquals("processing", first[1]);

        Db.update(dataSource, "UPDATE photo SET lease_until = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(1)), id);
        String[] last = nextEvent(reader);
        assertEquals("3", last[0]);
        assertEquals("completed", last[1]);
        assertEquals(null, nextEvent(reader), "the stream ends after the final status");
        assertEquals(2, ((Number) Db.scalar(dataSource, "SELECT attempts FROM photo WHERE id = ?", id)).intValue());
    }

    /** A job that runs long (here: held by a worker whose lease has not run out) keeps its stream alive with heartbeats. */
    @Test
    void eventsSendAHeartbeatCommentWhileNothingChanges() throws Exception {
        String user = Photos.newUser();
        UUID id = UUID.randomUUID();
        Db.update(dataSource, """
                INSERT INTO photo (id, owner_id, original_key, content_type, width, height, status, status_version, model,
                                   scale, latitude, longitude, attempts, lease_until, created_at, started_at)
                VALUES (?, ?, 'originals/held.png', 'image/png', 24, 24, 'processing', 2, 'bicubic', 2, 0, 0, 1, ?, ?, ?)""",
                id, user, Timestamp.from(Instant.now().plusSeconds(3600)), Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
        HttpResponse<java.io.InputStream> stream = openEvents(user, id.toString());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("processing", nextEvent(reader)[1]);
            // lv.vision.events.heartbeat is 1 s in tests: two heartbeats, each a comment then a blank line
            for (int i = 0; i < 2; i++) {
                assertEquals(":heartbeat", reader.readLine());
                assertEquals("", reader.readLine());
            }
            Db.update(dataSource, "UPDATE photo SET status = 'failed', status_version = 3, lease_until = NULL WHERE id = ?", id);
            String[] last = nextEvent(reader);
            assertEquals("3", last[0]);
            assertEquals("failed", last[1]);
            assertEquals(null, nextEvent(reader), "the stream ends after the final status");
        }
    }

    @Test
    void aJobAbandonedTooOftenFailsWithTheReason() {
        String user = Photos.newUser();
        UUID id = UUID.randomUUID();
        Db.update(dataSource, """
                INSERT INTO photo (id, owner_id, original_key, content_type, width, height, status, status_version, model,
                                   scale, latitude, longitude, attempts, lease_until, created_at, started_at)
                VALUES (?, ?, 'originals/gone.png', 'image/png', 24, 24, 'processing', 2, 'bicubic', 2, 0, 0, 3, ?, ?, ?)""",
                id, user, Timestamp.from(Instant.now().minusSeconds(1)), Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
        awaitStatus(user, id.toString(), "failed");
        Photos.as(user).when().get("/photos").then().body("[0].failure_reason",
                equalTo("Gave up after 3 attempts: the worker holding the job stopped before finishing"));
    }

    private void awaitStatus(String user, String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> status.equals(
                Photos.as(user).when().get("/photos").then().extract().jsonPath()
                        .getString("find { it.id == '" + id + "' }.status")));
    }

    private HttpResponse<java.io.InputStream> openEvents(String user, String id) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("photos/" + id + "/events"))
                .header("Authorization", "Bearer " + TestJwtKeys.token(user, "guest"))
                .header("Accept", "text/event-stream").timeout(WAIT).build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(List.of("text/event-stream"), response.headers().allValues("Content-Type"));
        assertEquals(List.of("no"), response.headers().allValues("X-Accel-Buffering"));
        return response;
    }

    private List<String[]> events(String user, String id) throws Exception {
        HttpResponse<java.io.InputStream> response = openEvents(user, id);
        List<String[]> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String[] event = nextEvent(reader); event != null; event = nextEvent(reader)) {
                events.add(event);
            }
        }
        return events;
    }

    /** {id, status, data} of the next event, or null at the end of the stream. */
    private static String[] nextEvent(BufferedReader reader) throws Exception {
        String id = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            } else if (line.isEmpty() && data != null) {
                String status = data.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1");
                return new String[] {id, status, data};
            }
        }
        return null;
    }
}
