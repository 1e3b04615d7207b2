package io.lecturevision.audio;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.audio.Members.Member;
import io.lecturevision.audio.analysis.Signals;
import io.lecturevision.audio.service.JobRunner;
import io.lecturevision.audio.service.JobService;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class JobLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RESULT = "{\"analysis_results\":{\"score\":87,\"notes\":[\"clear\"]}}";

    @Inject
    AgroalDataSource db;
    @Inject
    JobService jobs;
    @Inject
    JobRunner runner;
    @Inject
    TestClock clock;
    @Inject
    ObjectStorage storage;

    @AfterEach
    void resetClock() {
        clock.release();
    }

    private UUID analysingJob(Member member) {
        long token = Members.token(member, 1, "a line");
        return Jobs.insert(db, member, token, "analysing", clock.instant(), null, null);
    }

    @Test
    void theWebhookNeedsAFreshValidSignature() {
        Member member = Members.member();
        UUID job = analysingJob(member);
        String url = "/tokens/webhook/analysis-complete?job_id=" + job;
        given().contentType("application/json").body(RESULT).when().post(url).then().statusCode(401)
                .body("detail", startsWith("Missing X-Timestamp"));
        String now = Long.toString(Instant.now().getEpochSecond());
        given().contentType("application/json").header("X-Timestamp", now)
                .header("X-Signature", Jobs.signature(now, RESULT.replace("87", "99"))).body(RESULT)
                .when().post(url).then().statusCode(401).body("detail", equalTo("Invalid signature"));
        given().contentType("application/json").header("X-Timestamp", now).header("X-Signature", "zz-not-hex").body(RESULT)
                .when().post(url).then().statusCode(401);
        Jobs.webhook(job, RESULT, Instant.now().minus(Duration.ofMinutes(6))).statusCode(401)
                .body("detail", startsWith("Stale X-Timestamp"));
        Jobs.webhook(job, RESULT, Instant.now().plus(Duration.ofMinutes(6))).statusCode(401);
        member.client().when().get("/tokens/analysis-result/" + job).then().body("status", equalTo("processing"));
    }

    @Test
    void aV2SignatureBindsItsJobSoItCannotBeReplayedOnAnother() {
        Member member = Members.member();
        UUID jobA = analysingJob(member);
        UUID jobB = analysingJob(member);
        String now = Long.toString(Instant.now().getEpochSecond());
        String signedForA = Jobs.signatureV2(now, jobA, RESULT);
        given().contentType("application/json").header("X-Timestamp", now).header("X-Signature", signedForA).body(RESULT)
                .when().post("/tokens/webhook/analysis-complete?job_id=" + jobB).then().statusCode(401)
                .body("detail", equalTo("Invalid signature"));
        given().contentType("application/json").header("X-Timestamp", now).header("X-Signature", signedForA).body(RESULT)
                .when().post("/tokens/webhook/analysis-complete").then().statusCode(401);
        member.client().when().get("/tokens/analysis-result/" + jobB).then().body("status", equalTo("processing"));
        given().contentType("application/json").header("X-Timestamp", now).header("X-Signature", signedForA).body(RESULT)
                .when().post("/tokens/webhook/analysis-complete?job_id=" + jobA).then().statusCode(200)
                .body("detail", equalTo("Result recorded"));
        member.client().when().get("/tokens/analysis-result/" + jobA).then().body("status", equalTo("completed"));
        // A v2 signature over a stale timestamp is refused like a v1 one.
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        given().contentType("application/json").header("X-Timestamp", stale)
                .header("X-Signature", Jobs.signatureV2(stale, jobB, RESULT)).body(RESULT)
                .when().post("/tokens/webhook/analysis-complete?job_id=" + jobB).then().statusCode(401)
                .body("detail", startsWith("Stale X-Timestamp"));
    }

    @Test
    void theWebhookIsIdempotentAndADifferentResultConflicts() {
        Member member = Members.member();
        UUID job = analysingJob(member);
        Jobs.webhook(job, RESULT, Instant.now()).statusCode(200).body("detail", equalTo("Result recorded"));
        // The same delivery again (re-signed, keys in another order): nothing changes.
        Jobs.webhook(job, "{\"analysis_results\":{\"notes\":[\"clear\"],\"score\":87}}", Instant.now()).statusCode(200)
                .body("detail", equalTo("Result already recorded"));
        Jobs.webhook(job, RESULT.replace("87", "12"), Instant.now()).statusCode(409);
        Jobs.webhook(job, "{\"error\":\"late failure\"}", Instant.now()).statusCode(409);
        Jobs.webhook(UUID.randomUUID(), RESULT, Instant.now()).statusCode(404);
        Jobs.webhook("not-a-uuid", RESULT, Instant.now()).statusCode(404);
        Jobs.webhook(job, "{\"something\":1}", Instant.now()).statusCode(422);

        member.client().when().get("/tokens/analysis-result/" + job).then().statusCode(200)
                .body("status", equalTo("completed")).body("progress", equalTo(100))
                .body("result.score", equalTo(87)).body("message", equalTo("분석 완료"));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'audio.analysis-completed' "
                + "AND event_key = ?", job.toString()));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM analysis_job_event WHERE job_id = ?", job));
        String payload = (String) Db.scalar(db, "SELECT payload FROM outbox_event WHERE event_key = ?", job.toString());
        JsonPath event = JsonPath.from(payload);
        assertEquals(job.toString(), event.getString("data.jobId"));
        assertEquals(87, event.getInt("data.analysisResults.score"));
        assertEquals(member.corporationId().toString(), event.getString("data.corporationId"));
    }

    @Test
    void aJobWhoseWebhookNeverComesFailsAfterTheConfiguredTime() {
        Member member = Members.member();
        UUID job = analysingJob(member);
        jobs.failOverdue();
        member.client().when().get("/tokens/analysis-result/" + job).then().body("status", equalTo("processing"));
        clock.advance(Duration.ofMinutes(31));
        jobs.failOverdue();
        member.client().when().get("/tokens/analysis-result/" + job).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("message", equalTo("No analysis result arrived within 30 min of the analysis server accepting the job"));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'audio.analysis-failed' "
                + "AND event_key = ?", job.toString()));
        clock.release();
        Jobs.webhook(job, RESULT, Instant.now()).statusCode(409);
    }

    @Test
    void aListenerHearsChangesMadeByAnotherInstanceAndHeartbeats() throws Exception {
        Member member = Members.member();
        UUID job = analysingJob(member);
        try (SseClient sse = SseClient.open("/tokens/analysis-progress/" + job, member.jwt(), null)) {
            assertEquals(200, sse.status());
            await().atMost(WAIT).until(sse::sawComment);
            // Another instance records progress: a row and a NOTIFY, nothing in this instance's memory.
            try (Connection connection = db.getConnection();
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO analysis_job_event (job_id, seq, status, progress, message, created_at)
                         VALUES (?, 1, 'processing', 90, 'from another instance', now())""");
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('audio_job_progress', ?)")) {
                insert.setObject(1, job);
                insert.executeUpdate();
                notify.setString(1, job + ":1");
                notify.execute();
            }
            Db.update(db, "UPDATE analysis_job SET last_event_seq = 1 WHERE id = ?", job);
            await().atMost(WAIT).until(() -> sse.events().size() == 1);
            assertEquals("from another instance", JsonPath.from(sse.events().get(0).data()).getString("message"));

            Jobs.webhook(job, RESULT, Instant.now()).statusCode(200);
            await().atMost(WAIT).until(sse::finished);
            List<SseClient.Event> events = sse.events();
            assertEquals(List.of("1", "2"), events.stream().map(SseClient.Event::id).toList());
            assertEquals("completed", JsonPath.from(events.get(1).data()).getString("status"));
        }
    }

    @Test
    void stepsLeftByAStoppedInstanceResumeOrFailWithAReason() throws Exception {
        Member member = Members.member();
        long token = Members.token(member, 1, "one two three");
        Instant longAgo = clock.instant().minus(Duration.ofMinutes(10));

        // Stored, but the instance stopped before asking the analysis server: resumed to completion.
        String key = "recordings/test/" + UUID.randomUUID() + ".wav";
        Path wav = Files.write(Files.createTempFile("resume", ".wav"), Signals.of(16_000, 1).sine(220, -20, 1).wav());
        storage.put(key, "audio/wav", wav);
        UUID requesting = Jobs.insert(db, member, token, "requesting", longAgo, null, key);

        // Received on an instance whose disk is gone: failed, saying why.
        UUID lost = Jobs.insert(db, member, token, "received", longAgo, "/nonexistent/spool/" + UUID.randomUUID() + ".wav", null);

        // Received, spooled here, not stored yet: resumed.
        Path spooled = Files.write(Files.createTempFile("spooled", ".wav"), Signals.of(16_000, 1).sine(220, -20, 1).wav());
        UUID received = Jobs.insert(db, member, token, "received", longAgo, spooled.toString(), null);

        // Recent steps belong to a live instance and are left alone.
        UUID recent = Jobs.insert(db, member, token, "requesting", clock.instant(), null, key);

        runner.recoverStale();

        await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + requesting).then()
                .body("status", equalTo("completed")));
        assertEquals(220.0, member.client().when().get("/tokens/analysis-result/" + requesting).then().extract()
                .jsonPath().getDouble("result.pitch.median_hz"), 2.0);
        await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + received).then()
                .body("status", equalTo("completed")));
        member.client().when().get("/tokens/analysis-result/" + lost).then().body("status", equalTo("failed"))
                .body("message", startsWith("The recording was lost"));
        assertEquals(2, ((Number) Db.scalar(db, "SELECT attempts FROM analysis_job WHERE id = ?", lost)).intValue());
        member.client().when().get("/tokens/analysis-result/" + recent).then().body("status", equalTo("processing"));
        assertTrue(!Files.exists(spooled), "the spooled file is removed once stored");
    }
}
