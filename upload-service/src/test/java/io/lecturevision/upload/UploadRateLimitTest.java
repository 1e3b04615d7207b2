package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000's limit, 5 requests per second per token and per client IP, with the real limit
 * configured. The application clock is frozen while the requests are sent, so the buckets cannot
 * refill however slowly this machine answers.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@TestProfile(UploadRateLimitTest.RealLimit.class)
class UploadRateLimitTest {

    public static class RealLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lv.rate-limits.upload.limit", "5");
        }
    }

    private static final byte[] PHOTO = Uploads.jpeg(32, 32, 5);

    @Inject
    TestClock clock;

    @BeforeEach
    void stopTime() {
        clock.freeze();
    }

    @AfterEach
    void restartTime() {
        clock.release();
    }

    @Test
    void aBurstFromOneTokenIsCutAtFivePerSecond() {
        String token = Uploads.token(Uploads.newUser());
        List<Integer> statuses = IntStream.range(0, 12)
                // Cheap requests (unsigned, each from another address): only the token's bucket can run out.
                .mapToObj(i -> Uploads.client(token).multiPart("people_count", "1").when().post("/upload"))
                .map(response -> {
                    if (response.statusCode() == 429) {
                        String retryAfter = response.header("Retry-After");
                        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), retryAfter);
                    }
                    return response.statusCode();
                })
                .toList();
        assertEquals(5, statuses.stream().filter(status -> status != 429).count(), statuses.toString());
        assertEquals(List.of(429, 429, 429, 429, 429, 429, 429), statuses.subList(5, 12), statuses.toString());
    }

    @Test
    void aRefusedTokenIsServedAgainOnceItsBucketRefills() {
        String token = Uploads.token(Uploads.newUser());
        for (int i = 0; i < 5; i++) {
            unsignedUpload(token).then().statusCode(400);
        }
        unsignedUpload(token).then().statusCode(429).header("Retry-After", "1");
        clock.advance(Duration.ofMillis(250));
        unsignedUpload(token).then().statusCode(400);
        unsignedUpload(token).then().statusCode(429);
    }

    private static io.restassured.response.Response unsignedUpload(String token) {
        return Uploads.client(token).multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload");
    }

    @Test
    void oneAddressIsLimitedAcrossTokensAndAnotherAddressIsNot() {
        String address = "192.0.2." + (UUID.randomUUID().hashCode() & 0x7f);
        List<String> tokens = IntStream.range(0, 7).mapToObj(i -> Uploads.token(Uploads.newUser())).toList();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(tokens.get(i)).header("X-Forwarded-For", address)
                    .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                    .when().post("/upload").then().statusCode(400);
        }
        given().auth().oauth2(tokens.get(5)).header("X-Forwarded-For", address)
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(429);
        given().auth().oauth2(tokens.get(6)).header("X-Forwarded-For", address + "1")
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(400);
    }
}
