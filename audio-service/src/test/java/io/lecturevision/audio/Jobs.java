package io.lecturevision.audio;

import io.lecturevision.common.testing.Db;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test fixtures for jobs: rows in a given step, and webhook calls signed as an analysis server signs them. */
final class Jobs {

    static final String SECRET = "audio-dev-webhook-secret";

    private Jobs() {
    }

    /** A job of {@code member}'s token, in {@code step}, that step started at {@code startedAt}. */
    static UUID insert(DataSource db, Members.Member member, long tokenId, String step, Instant startedAt, String spool,
                       String objectKey) {
        UUID id = UUID.randomUUID();
        Db.update(db, """
                INSERT INTO analysis_job (id, token_id, corporation_id, requested_by, status, step, progress, message,
                    content_type, size_bytes, object_key, spool_path, attempts, last_event_seq, created_at, updated_at,
                    step_started_at)
                VALUES (?, ?, ?, ?, 'processing', ?, 80, '분석 중...', 'audio/wav', 100, ?, ?, 1, 0, ?, ?, ?)""",
                id, tokenId, member.corporationId(), member.userId(), step,
                objectKey == null ? "recordings/test/" + id + ".wav" : objectKey, spool,
                Timestamp.from(startedAt), Timestamp.from(startedAt), Timestamp.from(startedAt));
        return id;
    }

    static String signature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The v2 scheme: {@code v2=} + hex HMAC of "v2\n" + timestamp + "\n" + job id + "\n" + body. */
    static String signatureV2(String timestamp, Object jobId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v2=" + HexFormat.of().formatHex(mac.doFinal(("v2\n" + timestamp + "\n" + jobId + "\n" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static io.restassured.response.ValidatableResponse webhook(Object jobId, String body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return given().contentType("application/json").header("X-Timestamp", timestamp)
                .header("X-Signature", signature(timestamp, body)).body(body)
                .when().post("/tokens/webhook/analysis-complete?job_id=" + jobId).then();
    }
}
