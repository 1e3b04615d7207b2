package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Seed 000's limit, 5 requests per second per token and per client IP, with the real limit configured. */
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

    @Test
    void aBurstFromOneTokenIsCutAtFivePerSecond() {
        String token = Uploads.token(Uploads.newUser());
        int accepted = 0;
        int refused = 0;
        String retryAfter = null;
        // Cheap requests (unsigned, each from another address): only the token's bucket can run out.
        for (int i = 0; i < 12; i++) {
            var response = Uploads.client(token).multiPart("people_count", "1").when().post("/upload");
            if (response.statusCode() == 429) {
                refused++;
                retryAfter = response.header("Retry-After");
            } else {
                accepted++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(refused >= 1, "a burst of 12 must hit the limit");
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 5, "the first five pass: " + accepted);
        org.junit.jupiter.api.Assertions.assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), retryAfter);
    }

    @Test
    void oneAddressIsLimitedAcrossTokensAndAnotherAddressIsNot() {
        String address = "192.0.2." + (UUID.randomUUID().hashCode() & 0x7f);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(Uploads.token(Uploads.newUser())).header("X-Forwarded-For", address)
                    .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                    .when().post("/upload");
        }
        given().auth().oauth2(Uploads.token(Uploads.newUser())).header("X-Forwarded-For", address)
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(429);
        given().auth().oauth2(Uploads.token(Uploads.newUser())).header("X-Forwarded-For", address + "1")
                .multiPart("file", "a.jpg", PHOTO, "image/jpeg").multiPart("people_count", "1")
                .when().post("/upload").then().statusCode(400);
    }
}
