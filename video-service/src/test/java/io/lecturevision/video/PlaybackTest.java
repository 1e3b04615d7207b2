package io.lecturevision.video;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Browser playback: a signed, short-lived stream URL instead of a bearer header; each header once. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PlaybackTest {

    private static final int SIZE = 300_000;

    @Test
    void anyMemberGetsASignedUrlThatStreamsWithoutABearerHeader() {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        Videos.Member viewer = Videos.member(corp, "guest");
        byte[] video = Videos.mp4(SIZE, 21);
        long id = Videos.upload(admin, video, "playback");

        String url = viewer.client().when().get("/v1/videos/" + id + "/playback").then().statusCode(200)
                .body("video_id", equalTo((int) id))
                .body("url", startsWith("/v1/videos/stream/" + id + "?signature="))
                .extract().path("url");

        Response full = given().urlEncodingEnabled(false).when().get(url);
        full.then().statusCode(200);
        assertArrayEquals(video, full.asByteArray());

        Response ranged = given().urlEncodingEnabled(false).header("Range", "bytes=1000-1999").when().get(url);
        ranged.then().statusCode(206);
        assertArrayEquals(Arrays.copyOfRange(video, 1000, 2000), ranged.asByteArray());
        assertEachHeaderOnce(ranged, "bytes 1000-1999/" + SIZE);

        // Streams by signature and by bearer header are the same viewer: points are granted once.
        given().urlEncodingEnabled(false).header("Range", "bytes=0-99").when().get(url).then().statusCode(206);
        viewer.client().when().get("/v1/videos/stream/" + id).then().statusCode(200);
        viewer.client().when().get("/v1/points/me").then().statusCode(200).body("points", equalTo(10));
    }

    @Test
    void rangedResponsesCarryEachHeaderExactlyOnce() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        byte[] video = Videos.mp4(SIZE, 22);
        long id = Videos.upload(admin, video, "headers");
        for (String range : List.of("bytes=0-99", "bytes=150000-299999", "bytes=-10")) {
            Response ranged = admin.client().header("Range", range).when().get("/v1/videos/stream/" + id);
            ranged.then().statusCode(206);
            String first = range.equals("bytes=-10") ? "299990-299999" : range.substring(6);
            assertEachHeaderOnce(ranged, "bytes " + first + "/" + SIZE);
        }
        Response full = admin.client().when().get("/v1/videos/stream/" + id);
        assertEquals(List.of("bytes"), full.headers().getValues("Accept-Ranges"));
        assertEquals(List.of("nosniff"), full.headers().getValues("X-Content-Type-Options"));
        assertEquals(1, full.headers().getValues("ETag").size());
        assertEquals(List.of(Integer.toString(SIZE)), full.headers().getValues("Content-Length"));
    }

    @Test
    void signaturesAreBoundToTheirVideoAndCannotBeForged() {
        UUID corp = UUID.randomUUID();
        Videos.Member admin = Videos.member(corp, "admin");
        long first = Videos.upload(admin, Videos.mp4(5_000, 23), "first");
        long second = Videos.upload(admin, Videos.mp4(5_000, 24), "second");
        String url = admin.client().when().get("/v1/videos/" + first + "/playback").then().statusCode(200)
                .extract().path("url");
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());

        given().urlEncodingEnabled(false).when().get("/v1/videos/stream/" + second + "?signature=" + signature)
                .then().statusCode(401).body("detail", equalTo("Invalid or expired playback signature"));
        String tampered = signature.substring(0, signature.length() - 2)
                + (signature.endsWith("AA") ? "BB" : "AA");
        given().urlEncodingEnabled(false).when().get("/v1/videos/stream/" + first + "?signature=" + tampered)
                .then().statusCode(401);
        given().when().get("/v1/videos/stream/" + first).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().when().get("/v1/videos/stream/" + first + "?signature=garbage").then().statusCode(401);
    }

    @Test
    void anotherCorporationGetsNoPlaybackUrl() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        long id = Videos.upload(admin, Videos.mp4(5_000, 25), "private");
        Videos.member(UUID.randomUUID(), "guest").client().when().get("/v1/videos/" + id + "/playback")
                .then().statusCode(404);
        given().when().get("/v1/videos/" + id + "/playback").then().statusCode(401);
    }

    @Test
    void malformedParametersAreFastApi422() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        admin.client().when().get("/v1/videos/abc").then().statusCode(422)
                .body("detail[0].loc", contains("path", "video_id")).body("detail[0].type", equalTo("int_parsing"));
        admin.client().when().get("/v1/videos?limit=abc").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit"));
        admin.client().when().get("/v1/view-logs?skip=x").then().statusCode(422)
                .body("detail[0].loc", contains("query", "skip"));
    }

    private static void assertEachHeaderOnce(Response ranged, String contentRange) {
        assertEquals(List.of("bytes"), ranged.headers().getValues("Accept-Ranges"));
        assertEquals(List.of(contentRange), ranged.headers().getValues("Content-Range"));
        assertEquals(1, ranged.headers().getValues("ETag").size(), ranged.headers().toString());
        assertEquals(1, ranged.headers().getValues("Content-Length").size());
        assertEquals(List.of("video/mp4"), ranged.headers().getValues("Content-Type"));
        assertEquals(List.of("nosniff"), ranged.headers().getValues("X-Content-Type-Options"));
    }
}
