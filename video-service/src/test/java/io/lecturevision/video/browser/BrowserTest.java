package io.lecturevision.video.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser (Debian's headless Chromium) against the running service: a page on the service's
 * own origin calls the API (CORS), and a {@code <video>} plays a real MP4 from a playback URL.
 * Skipped, saying why, only where chromium or ffmpeg is not installed
 * ({@code apt-get install -y chromium ffmpeg}).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class BrowserTest {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration PLAYBACK = Duration.ofSeconds(120);
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @Test
    void pageOnTheServicesOwnOriginCallsTheApiSameAndCrossOrigin() throws Exception {
        assumeTrue(Chromium.binary().isPresent(), "Debian's chromium is not installed: apt-get install -y chromium");
        String admin = token(UUID.randomUUID(), "admin");
        String page = "http://localhost:" + RestAssured.port + "/browser-test/cors.html#token=" + admin
                + "&other=" + URLEncoder.encode("http://127.0.0.1:" + RestAssured.port, StandardCharsets.UTF_8);
        try (Chromium chromium = Chromium.start(STEP)) {
            chromium.navigate(page, STEP);
            JsonNode result = chromium.awaitValue("window.result", STEP);
            assertEquals(201, result.path("sameOrigin").path("status").asInt(), result.toString());
            assertEquals(201, result.path("crossOrigin").path("status").asInt(), result.toString());
            assertTrue(result.path("crossOrigin").path("hasUploadUrl").asBoolean(), result.toString());
            assertFalse(result.path("crossOrigin").path("requestId").isNull(), "X-Request-ID is exposed: " + result);
        }
    }

    @Test
    void videoElementPlaysSeeksAndIsServedInRanges() throws Exception {
        assumeTrue(Chromium.binary().isPresent(), "Debian's chromium is not installed: apt-get install -y chromium");
        assumeTrue(Files.isExecutable(FFMPEG), "Debian's ffmpeg is not installed: apt-get install -y ffmpeg");
        UUID corporation = UUID.randomUUID();
        String admin = token(corporation, "admin");
        String viewerId = UUID.randomUUID().toString();
        String viewer = TestJwt.sign(TestJwt.claims(viewerId, "guest").claim("corporation_id", corporation.toString()), keys());
        byte[] mp4 = lectureMp4();
        long id = ((Number) given().auth().oauth2(admin).multiPart("file", "lecture.mp4", mp4, "video/mp4")
                .when().post("/v1/videos").then().statusCode(201).extract().path("id")).longValue();
        String url = given().auth().oauth2(viewer).when().get("/v1/videos/" + id + "/playback").then().statusCode(200)
                .extract().path("url");
        String base = "http://127.0.0.1:" + RestAssured.port;
        try (Chromium chromium = Chromium.start(STEP)) {
            chromium.navigate(base + "/browser-test/playback.html#src=" + URLEncoder.encode(base + url, StandardCharsets.UTF_8), STEP);
            JsonNode result = chromium.awaitValue("window.result", PLAYBACK);
            assertTrue(result.path("ok").asBoolean(), result.toString());
            double middle = result.path("middle").asDouble();
            assertTrue(result.path("seekedAt").asDouble() >= middle - 1, result.toString());
            assertTrue(result.path("currentTime").asDouble() > result.path("seekedAt").asDouble(), result.toString());
            List<Integer> statuses = chromium.responses(u -> u.contains("/v1/videos/stream/" + id)).stream()
                    .map(r -> r.path("status").asInt()).toList();
            assertTrue(statuses.contains(206), "range requests answered 206: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 206 || s == 200), statuses.toString());
        }
        given().auth().oauth2(viewer).when().get("/v1/points/me").then().statusCode(200).body("points", equalTo(10));
    }

    /** A real 8-second H.264 MP4 (moov first, a keyframe every second), made with ffmpeg for this test. */
    private static byte[] lectureMp4() throws Exception {
        Path dir = Files.createTempDirectory("lv-mp4-");
        Path out = dir.resolve("lecture.mp4");
        try {
            Process ffmpeg = new ProcessBuilder(FFMPEG.toString(), "-v", "error", "-y", "-f", "lavfi",
                    "-i", "testsrc=duration=8:size=640x360:rate=25", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-g", "25", "-movflags", "+faststart", out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ffmpeg.waitFor(120, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0, "ffmpeg failed: " + output);
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
        }
    }

    private static String token(UUID corporation, String role) {
        return TestJwt.sign(TestJwt.claims(UUID.randomUUID().toString(), role).claim("corporation_id", corporation.toString()), keys());
    }

    private static Path keys() {
        return Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
    }
}
