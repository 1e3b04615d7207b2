package io.lecturevision.upload;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.upload.service.UsedSignatures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 9 #6: a signature is accepted once; v2 also covers the key, the count and the client id. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class SignatureReplayTest {

    private static final String ALREADY_USED = "Signature already used: sign each upload anew";

    @Inject
    TestClock clock;

    @Inject
    UsedSignatures usedSignatures;

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification v1(String token, String timestamp, String signature, byte[] file, String count,
                                           String key) {
        return Uploads.client(token).header("X-Timestamp", timestamp).header("X-Signature", signature)
                .header("Idempotency-Key", key).multiPart("file", "a.jpg", file, "image/jpeg").multiPart("people_count", count);
    }

    @Test
    void aSeed000SignatureIsAcceptedOnceWhateverElseTheReplayChanges() {
        byte[] photo = Uploads.jpeg(48, 48, UUID.randomUUID().getMostSignificantBits());
        String token = Uploads.token(Uploads.newUser());
        String ts = Uploads.now();
        String signature = Uploads.sign(ts, photo, Uploads.SECRET);
        String key = "first-" + UUID.randomUUID();
        long id = ((Number) v1(token, ts, signature, photo, "3", key).when().post("/upload").then().statusCode(200)
                .extract().path("id")).longValue();

        // The same request under its own key is the idempotent replay: the stored response, nothing stored twice.
        v1(token, ts, signature, photo, "3", key).when().post("/upload").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) id));
        // Anything else carrying the captured signature is refused.
        v1(token, ts, signature, photo, "3", "new-" + UUID.randomUUID()).when().post("/upload").then().statusCode(401)
                .body("detail", equalTo(ALREADY_USED));
        v1(token, ts, signature, photo, "40", "new-" + UUID.randomUUID()).when().post("/upload").then().statusCode(401)
                .body("detail", equalTo(ALREADY_USED));
        v1(Uploads.token(Uploads.newUser()), ts, signature, photo, "3", "other-" + UUID.randomUUID()).when().post("/upload")
                .then().statusCode(401).body("detail", equalTo(ALREADY_USED));
        assertEquals(1L, Db.count(dataSource, "SELECT count(*) FROM upload WHERE sha256 = (SELECT sha256 FROM upload WHERE id = ?)", id));
    }

    @Test
    void twoRequestsRacingWithOneSignatureStoreOneUpload() throws Exception {
        byte[] photo = Uploads.jpeg(40, 40, UUID.randomUUID().getMostSignificantBits());
        String token = Uploads.token(Uploads.newUser());
        String ts = Uploads.now();
        String signature = Uploads.sign(ts, photo, Uploads.SECRET);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> v1(token, ts, signature, photo, "2", "race-" + UUID.randomUUID())
                        .when().post("/upload").statusCode()));
            }
            int accepted = 0;
            int refused = 0;
            for (var result : results) {
                int status = result.get();
                if (status == 200) {
                    accepted++;
                } else if (status == 401) {
                    refused++;
                }
            }
            assertEquals(1, accepted);
            assertEquals(7, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aV2SignatureCoversTheKeyTheCountAndTheClient() {
        byte[] photo = Uploads.jpeg(32, 32, UUID.randomUUID().getMostSignificantBits());
        String token = Uploads.token(Uploads.newUser());
        String ts = Uploads.now();
        String key = "v2-" + UUID.randomUUID();
        String signature = Uploads.signV2(ts, key, null, "7", photo, Uploads.SECRET);

        v1(token, ts, signature, photo, "8", key).when().post("/upload").then().statusCode(401)
                .body("detail", equalTo("Invalid signature"));
        v1(token, ts, signature, photo, "7", "v2-" + UUID.randomUUID()).when().post("/upload").then().statusCode(401)
                .body("detail", equalTo("Invalid signature"));
        v1(token, ts, signature, photo, "7", key).header("X-Client-Id", UUID.randomUUID().toString()).when().post("/upload")
                .then().statusCode(401);
        v1(token, ts, signature, photo, "7", key).when().post("/upload").then().statusCode(200).body("people_count", equalTo(7));
        v1(token, ts, "v2=zz", photo, "7", key).when().post("/upload").then().statusCode(401)
                .body("detail", equalTo("X-Signature must be a hex HMAC-SHA256 (v1) or v2=<hex>"));
    }

    @Test
    void usedSignaturesAreForgottenOnceTheirWindowHasPassed() {
        byte[] photo = Uploads.jpeg(24, 24, UUID.randomUUID().getMostSignificantBits());
        String token = Uploads.token(Uploads.newUser());
        long now = clock.freeze().getEpochSecond();
        try {
            String ts = Long.toString(now);
            String signature = Uploads.sign(ts, photo, Uploads.SECRET);
            v1(token, ts, signature, photo, "1", "old-" + UUID.randomUUID()).when().post("/upload").then().statusCode(200);
            String hex = signature.toLowerCase();
            usedSignatures.forgetExpired();
            assertEquals(1L, Db.count(dataSource, "SELECT count(*) FROM used_signature WHERE signature = ?", hex));

            clock.advance(Duration.ofSeconds(301));
            usedSignatures.forgetExpired();
            assertEquals(0L, Db.count(dataSource, "SELECT count(*) FROM used_signature WHERE signature = ?", hex));
            // Forgotten, but no longer usable either: its timestamp is out of the window.
            v1(token, ts, signature, photo, "1", "late-" + UUID.randomUUID()).when().post("/upload").then().statusCode(401)
                    .body("detail", equalTo("X-Timestamp is outside the allowed window of 300 seconds"));
        } finally {
            clock.release();
        }
    }
}
