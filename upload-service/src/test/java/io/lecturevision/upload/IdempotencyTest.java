package io.lecturevision.upload;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header) against the real database. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class IdempotencyTest {

    private static final byte[] PHOTO = Uploads.jpeg(320, 240, 7);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSameRequestAgainReturnsTheFirstResponseWithoutStoringTwice() {
        String user = Uploads.newUser();
        String token = Uploads.token(user);
        String key = "retry-" + UUID.randomUUID();
        Response first = Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", "4", key).when().post("/upload");
        first.then().statusCode(200);
        // A retry signs again with a new timestamp: still the same request.
        Response again = Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", "4", key).when().post("/upload");
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(1, Db.count(dataSource, "SELECT count(*) FROM upload WHERE owner_id = ?", user));
    }

    @Test
    void theSameKeyWithADifferentRequestIs422() {
        String token = Uploads.token(Uploads.newUser());
        String key = "reused-" + UUID.randomUUID();
        Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", "4", key).when().post("/upload").then().statusCode(200);
        Uploads.signed(token, PHOTO, "a.jpg", "image/jpeg", "5", key).when().post("/upload").then().statusCode(422)
                .body("detail", equalTo("Idempotency-Key was already used with a different request"));
        Uploads.signed(token, Uploads.jpeg(100, 100, 1), "a.jpg", "image/jpeg", "4", key).when().post("/upload")
                .then().statusCode(422);
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = "shared-" + UUID.randomUUID();
        Uploads.signed(Uploads.token(Uploads.newUser()), PHOTO, "a.jpg", "image/jpeg", "1", key).when().post("/upload")
                .then().statusCode(200);
        Uploads.signed(Uploads.token(Uploads.newUser()), PHOTO, "a.jpg", "image/jpeg", "2", key).when().post("/upload")
                .then().statusCode(200);
    }

    @Test
    void aKeyStillInFlightIs409() {
        String user = Uploads.newUser();
        String key = "in-flight-" + UUID.randomUUID();
        Db.update(dataSource, """
                INSERT INTO idempotency_key (scope, idem_key, request_hash, state, created_at, expires_at)
                VALUES (?, ?, 'whatever', 'in_flight', now(), now() + interval '1 hour')""", user + ":default", key);
        Uploads.signed(Uploads.token(user), PHOTO, "a.jpg", "image/jpeg", "1", key).when().post("/upload").then()
                .statusCode(409).body("detail", equalTo("A request with this Idempotency-Key is still being processed"));
    }

    @Test
    void aKeyAbandonedInFlightIsTakenOverByTheRetry() {
        String user = Uploads.newUser();
        String key = "abandoned-" + UUID.randomUUID();
        Db.update(dataSource, """
                INSERT INTO idempotency_key (scope, idem_key, request_hash, state, created_at, expires_at)
                VALUES (?, ?, 'whatever', 'in_flight', now() - interval '10 minutes', now() + interval '1 hour')""",
                user + ":default", key);
        Uploads.signed(Uploads.token(user), PHOTO, "a.jpg", "image/jpeg", "1", key).when().post("/upload").then().statusCode(200);
    }

    @Test
    void aFailedRequestFreesItsKey() {
        String user = Uploads.newUser();
        String key = "failed-" + UUID.randomUUID();
        Uploads.signed(Uploads.token(user), "not an image".getBytes(), "a.jpg", "image/jpeg", "1", key).when().post("/upload")
                .then().statusCode(415);
        assertNull(Db.scalar(dataSource, "SELECT state FROM idempotency_key WHERE idem_key = ?", key));
        Uploads.signed(Uploads.token(user), PHOTO, "a.jpg", "image/jpeg", "1", key).when().post("/upload").then().statusCode(200);
    }

    @Test
    void twentyConcurrentIdenticalRequestsStoreOneUpload() throws Exception {
        String user = Uploads.newUser();
        String token = Uploads.token(user);
        String key = "burst-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    var request = Uploads.signed(token, PHOTO, "burst.jpg", "image/jpeg", "9", key);
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return request.when().post("/upload");
                }, pool));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                responses.add(call.get());
            }
            Set<Integer> statuses = responses.stream().map(Response::statusCode).collect(Collectors.toSet());
            assertTrue(Set.of(200, 409).containsAll(statuses), "only 200 or 409: " + statuses);
            Set<Object> ids = responses.stream().filter(r -> r.statusCode() == 200).map(r -> r.path("id")).collect(Collectors.toSet());
            assertEquals(1, ids.size(), "every 200 is the same upload: " + ids);
            assertEquals(1, Db.count(dataSource, "SELECT count(*) FROM upload WHERE owner_id = ?", user));
        } finally {
            pool.shutdownNow();
        }
    }
}
