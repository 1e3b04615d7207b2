package io.lecturevision.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.contract.PointsGranted;
import io.lecturevision.common.event.contract.VideoViewed;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.common.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class StreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SIZE = 1_500_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventContracts contracts;

    @Test
    void rangesFirstMiddleSuffixOpenAndUnsatisfiable() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        byte[] video = Videos.mp4(SIZE, 10);
        long id = Videos.upload(admin, video, "ranges");
        String url = "/v1/videos/stream/" + id;

        Response full = admin.client().when().get(url);
        full.then().statusCode(200).header("Accept-Ranges", "bytes").header("Content-Length", "" + SIZE)
                .contentType("video/mp4");
        assertArrayEquals(video, full.asByteArray());
        String etag = full.header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), etag);

        assertRange(admin, url, "bytes=0-99", 0, 99, video);
        assertRange(admin, url, "bytes=700000-700999", 700_000, 700_999, video);
        assertRange(admin, url, "bytes=-500", SIZE - 500, SIZE - 1, video);
        assertRange(admin, url, "bytes=1499000-", 1_499_000, SIZE - 1, video);
        assertRange(admin, url, "bytes=1499990-2000000", 1_499_990, SIZE - 1, video);

        admin.client().header("Range", "bytes=" + SIZE + "-").when().get(url).then().statusCode(416)
                .header("Content-Range", "bytes */" + SIZE);
        admin.client().header("Range", "bytes=0-1,5-9").when().get(url).then().statusCode(200)
                .header("Content-Length", "" + SIZE);

        admin.client().header("If-None-Match", etag).when().get(url).then().statusCode(304);
        Response head = admin.client().when().head(url);
        head.then().statusCode(200).header("Content-Length", "" + SIZE).header("ETag", etag);
        assertEquals(0, head.asByteArray().length);
        admin.client().header("Range", "bytes=0-9").when().head(url).then().statusCode(206)
                .header("Content-Range", "bytes 0-9/" + SIZE);
    }

    @Test
    void fiftyConcurrentFirstStreamsGrantPointsExactlyOnce() throws Exception {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        long id = Videos.upload(admin, Videos.mp4(200_000, 11), "concurrent");
        Videos.Member viewer = Videos.member(corp, "guest");
        try (TopicReader viewed = new TopicReader(Brokers.direct(), "video.viewed");
             TopicReader granted = new TopicReader(Brokers.direct(), "points.granted")) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/videos/stream/" + id);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(50);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    String range = "bytes=" + (i * 1000) + "-" + (i * 1000 + 999);
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + viewer.token())
                                    .header("Range", range).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                start.countDown();
                for (CompletableFuture<Integer> call : calls) {
                    assertEquals(206, call.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, Db.count(dataSource, "SELECT count(*) FROM view_log WHERE user_id = ? AND video_id = ?",
                    viewer.userId(), id));
            viewer.client().when().get("/v1/points/me").then().statusCode(200).body("points", equalTo(10));
            viewer.client().header("Range", "bytes=100-199").when().get("/v1/videos/stream/" + id).then().statusCode(206);
            viewer.client().when().get("/v1/points/me").then().body("points", equalTo(10));

            ConsumerRecord<String, String> view = viewed.await(r -> Long.toString(id).equals(r.key()), WAIT);
            VideoViewed viewEvent = contracts.read(mapper.readValue(view.value(), EventEnvelope.class), VideoViewed.class);
            assertEquals(viewer.userId(), viewEvent.userId());
            assertEquals(corp, viewEvent.corporationId());
            ConsumerRecord<String, String> points = granted.await(r -> viewer.userId().equals(r.key()), WAIT);
            PointsGranted pointsEvent = contracts.read(mapper.readValue(points.value(), EventEnvelope.class), PointsGranted.class);
            assertEquals(10, pointsEvent.points());
            assertEquals(id, pointsEvent.videoId());
            await().atMost(WAIT).until(() -> Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL") == 0);
            assertEquals(1, viewed.readToEnd(WAIT).stream().filter(r -> Long.toString(id).equals(r.key())).count());
            assertEquals(1, granted.readToEnd(WAIT).stream().filter(r -> viewer.userId().equals(r.key())).count());
        }
    }

    @Test
    void viewLogsAndPointsAreScoped() {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        Videos.Member alice = Videos.member(corp, "guest");
        Videos.Member bob = Videos.member(corp, "guest");
        long first = Videos.upload(admin, Videos.mp4(5_000, 12), "one");
        long second = Videos.upload(admin, Videos.mp4(5_000, 13), "two");
        alice.client().when().get("/v1/videos/stream/" + first).then().statusCode(200);
        alice.client().when().get("/v1/videos/stream/" + second).then().statusCode(200);
        bob.client().when().get("/v1/videos/stream/" + first).then().statusCode(200);

        alice.client().when().get("/v1/view-logs").then().statusCode(200).body("$", hasSize(2))
                .body("user_id", org.hamcrest.Matchers.everyItem(equalTo(alice.userId())));
        admin.client().when().get("/v1/view-logs").then().statusCode(200).body("$", hasSize(3));
        Videos.member(UUID.randomUUID(), "admin").client().when().get("/v1/view-logs").then().body("$", hasSize(0));

        alice.client().when().get("/v1/points/me").then().body("points", equalTo(20));
        alice.client().when().get("/v1/points/users/" + alice.userId()).then().statusCode(200).body("points", equalTo(20));
        bob.client().when().get("/v1/points/users/" + alice.userId()).then().statusCode(404);
        admin.client().when().get("/v1/points/users/" + bob.userId()).then().statusCode(200).body("points", equalTo(10));
        Videos.member(UUID.randomUUID(), "admin").client().when().get("/v1/points/users/" + bob.userId()).then()
                .statusCode(404).body("detail", equalTo("Points not found"));
        Videos.member(UUID.randomUUID(), "platform-admin").client().when().get("/v1/points/users/" + bob.userId())
                .then().statusCode(200).body("points", equalTo(10));
    }

    @Test
    void presignedUploadGoesStraightToTheStoreThenIsChecked() throws Exception {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        byte[] video = Videos.mp4(300_000, 14);
        Response presigned = admin.client().contentType("application/json")
                .body(Map.of("name", "Big lecture", "content_type", "video/mp4", "size", video.length))
                .when().post("/v1/videos/presigned");
        presigned.then().statusCode(201).body("video.status", equalTo("pending")).body("upload_method", equalTo("PUT"));
        long id = ((Number) presigned.path("video.id")).longValue();
        admin.client().when().get("/v1/videos/" + id).then().statusCode(404);

        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(presigned.path("upload_url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(video)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        admin.client().when().post("/v1/videos/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("ready")).body("size", equalTo(video.length));
        byte[] streamed = admin.client().header("Range", "bytes=0-23").when().get("/v1/videos/stream/" + id).then()
                .statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOf(video, 24), streamed);

        String text = "plain text, not video";
        Response fake = admin.client().contentType("application/json")
                .body(Map.of("name", "Not a video", "content_type", "video/mp4", "size", text.length())).when().post("/v1/videos/presigned");
        putTo(fake.path("upload_url"), text.getBytes());
        admin.client().when().post("/v1/videos/" + fake.path("video.id") + "/complete").then().statusCode(415);
    }

    @Test
    void aPresignedUploadMustHaveItsAnnouncedSizeAndCannotBeReplacedOnceComplete() throws Exception {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        byte[] video = Videos.mp4(50_000, 15);

        Response empty = presign(admin, video.length);
        putTo(empty.path("upload_url"), new byte[0]);
        admin.client().when().post("/v1/videos/" + empty.path("video.id") + "/complete").then().statusCode(422)
                .body("detail", equalTo("The uploaded file has 0 bytes, not the announced " + video.length
                        + "; it was removed: upload it again to a new URL"));

        Response longer = presign(admin, video.length - 1);
        putTo(longer.path("upload_url"), video);
        admin.client().when().post("/v1/videos/" + longer.path("video.id") + "/complete").then().statusCode(422);
        admin.client().when().get("/v1/videos/" + longer.path("video.id")).then().statusCode(404);

        Response good = presign(admin, video.length);
        long id = ((Number) good.path("video.id")).longValue();
        putTo(good.path("upload_url"), video);
        admin.client().when().post("/v1/videos/" + id + "/complete").then().statusCode(200).body("status", equalTo("ready"));
        // The URL is still valid, but it writes only where the video was uploaded, not where it is served from.
        assertEquals(200, putTo(good.path("upload_url"), Videos.mp4(70_000, 16)));
        admin.client().when().post("/v1/videos/" + id + "/complete").then().statusCode(200).body("size", equalTo(video.length));
        assertArrayEquals(video, admin.client().when().get("/v1/videos/stream/" + id).then().statusCode(200)
                .extract().asByteArray());
    }

    private static Response presign(Videos.Member admin, int size) {
        Response presigned = admin.client().contentType("application/json")
                .body(Map.of("name", "Presigned", "content_type", "video/mp4", "size", size)).when().post("/v1/videos/presigned");
        presigned.then().statusCode(201);
        return presigned;
    }

    private static int putTo(String url, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertRange(Videos.Member member, String url, String range, int first, int last, byte[] video) {
        Response response = member.client().header("Range", range).when().get(url);
        response.then().statusCode(206).header("Content-Range", "bytes " + first + "-" + last + "/" + SIZE)
                .header("Content-Length", "" + (last - first + 1));
        assertArrayEquals(Arrays.copyOfRange(video, first, last + 1), response.asByteArray(), range);
    }
}
