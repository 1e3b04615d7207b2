package io.lecturevision.audio;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.audio.Members.Member;
import io.lecturevision.audio.analysis.AnalysisReport;
import io.lecturevision.audio.analysis.AudioAnalyzer;
import io.lecturevision.audio.analysis.DebianTools;
import io.lecturevision.audio.analysis.Signals;
import io.lecturevision.audio.analysis.TranscriptTest;
import io.lecturevision.audio.analysis.WordErrorRate;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline over real HTTP: upload → S3 → the built-in analysis server (this instance's
 * /analyze-voice, reached through the REST client) → signed webhook → SSE, with real measurements.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AnalysisFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource db;

    @Test
    void aRecordingIsStoredAnalysedAndStreamedToTheEnd() throws Exception {
        Member member = Members.member();
        long token = Members.token(member, 1, "one two three four five six");
        // 1 s of a 220 Hz tone, 1.5 s of silence, 2 s of tone, 0.5 s of silence (48 kHz mono).
        byte[] wav = Signals.of(48_000, 1).sine(220, -20, 1).silence(1.5).sine(220, -20, 2).silence(0.5).wav();

        String jobId = member.client().multiPart("file", "take1.wav", wav, "application/octet-stream")
                .when().post("/tokens/" + token + "/upload-audio").then().statusCode(200)
                .body("status", equalTo("processing"))
                .body("message", equalTo("업로드 완료, 백그라운드에서 처리됩니다."))
                .extract().path("job_id");

        try (SseClient sse = SseClient.open("/tokens/analysis-progress/" + jobId, member.jwt(), null)) {
            assertEquals(200, sse.status());
            assertEquals(List.of("text/event-stream"), sse.response.headers().allValues("content-type"));
            assertEquals(List.of("no"), sse.response.headers().allValues("x-accel-buffering"));
            await().atMost(WAIT).until(sse::finished);
            List<SseClient.Event> events = sse.events();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(Integer.toString(i + 1), events.get(i).id(), "ids count up from 1");
                assertEquals("3000", events.get(i).retry());
            }
            List<String> messages = events.stream().map(e -> JsonPath.from(e.data()).getString("message")).toList();
            assertEquals(List.of("업로드 완료, 백그라운드에서 처리됩니다.", "S3 업로드 중...", "분석 서버 요청 중...", "분석 중...", "분석 완료"),
                    messages);
            List<Integer> progress = events.stream().map(e -> JsonPath.from(e.data()).getInt("progress")).toList();
            assertEquals(List.of(10, 40, 70, 80, 100), progress);
            JsonPath last = JsonPath.from(events.get(events.size() - 1).data());
            assertEquals("completed", last.getString("status"));
            assertEquals(220.0, last.getDouble("result.pitch.median_hz"), 2.0);
        }

        JsonPath result = member.client().when().get("/tokens/analysis-result/" + jobId).then().statusCode(200)
                .body("status", equalTo("completed")).body("progress", equalTo(100))
                .body("token_id", equalTo(Long.toString(token))).body("message", equalTo("분석 완료"))
                .extract().jsonPath();
        assertEquals(5.0, result.getDouble("result.duration_seconds"), 0.001);
        assertEquals(48_000, result.getInt("result.sample_rate"));
        assertEquals(1, result.getInt("result.channels"));
        assertEquals("audio/wav", result.getString("result.format"));
        assertEquals(2, result.getList("result.voice_activity.segments").size());
        assertEquals(1, result.getList("result.voice_activity.long_pauses").size());
        assertEquals(0.4, result.getDouble("result.voice_activity.silence_ratio"), 0.01);
        assertEquals(220.0, result.getDouble("result.pitch.median_hz"), 2.0);
        // The pipeline reports what the analyser (checked against EBU reference signals in
        // AudioAnalyzerTest) measures on the same file. It is below the -23.0 LUFS of a steady
        // -20 dBFS mono sine: blocks straddling the tone's edges pass the gates partly silent, and
        // K-weighting gives 220 Hz about 0.6 dB less than 1 kHz.
        Path local = Files.write(Files.createTempFile("flow", ".wav"), wav);
        AnalysisReport direct = AudioAnalyzer.analyse(local, "audio/wav", "", Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertEquals(direct.loudness().integratedLufs(), result.getDouble("result.loudness.integrated_lufs"), 0.005);
        assertTrue(direct.loudness().integratedLufs() < -23.5 && direct.loudness().integratedLufs() > -25.0);
        assertEquals(-20.0, result.getDouble("result.loudness.sample_peak_dbfs"), 0.05);
        assertEquals(120.0, result.getDouble("result.speaking_rate.words_per_minute"), 3.0);
        boolean recogniser = TranscriptTest.debianPocketSphinx().unavailable().isEmpty();
        assertEquals(recogniser ? "pocketsphinx" : "none", result.getString("result.transcript.engine"));

        UUID id = UUID.fromString(jobId);
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'audio.analysis-completed' "
                + "AND event_key = ?", id.toString()));
        assertEquals(null, Db.scalar(db, "SELECT spool_path FROM analysis_job WHERE id = ?", id));

        // Reconnecting after event 3 replays only what was missed: 4 and 5, then the stream ends.
        try (SseClient again = SseClient.open("/tokens/analysis-progress/" + jobId, member.jwt(), "3")) {
            await().atMost(WAIT).until(again::finished);
            assertEquals(List.of("4", "5"), again.events().stream().map(SseClient.Event::id).toList());
        }
        // A client that has the final event is told not to reconnect.
        try (SseClient done = SseClient.open("/tokens/analysis-progress/" + jobId, member.jwt(), "5")) {
            assertEquals(204, done.status());
        }

        Member outsider = Members.member();
        outsider.client().when().get("/tokens/analysis-result/" + jobId).then().statusCode(404)
                .body("detail", equalTo("Analysis job not found"));
        try (SseClient other = SseClient.open("/tokens/analysis-progress/" + jobId, outsider.jwt(), null)) {
            assertEquals(404, other.status());
        }
        outsider.client().multiPart("file", "take.wav", wav, "audio/wav").when().post("/tokens/" + token + "/upload-audio")
                .then().statusCode(404).body("detail", equalTo("Token not found"));
    }

    @Test
    void flacMp3AndOggRecordingsAreAnalysedToo() throws Exception {
        Member member = Members.member();
        long token = Members.token(member, 1, "one two");
        Path wav = Files.write(Files.createTempDirectory("formats").resolve("take.wav"),
                Signals.of(44_100, 1).sine(220, -20, 2).wav());
        for (String[] format : new String[][] {{"flac", "audio/flac"}, {"mp3", "audio/mpeg"}, {"ogg", "audio/ogg"}}) {
            Path encoded = DebianTools.convert(wav, format[0]);
            String jobId = member.client().multiPart("file", "take." + format[0], Files.readAllBytes(encoded),
                            "application/octet-stream")
                    .when().post("/tokens/" + token + "/upload-audio").then().statusCode(200).extract().path("job_id");
            await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + jobId).then()
                    .body("status", equalTo("completed")));
            JsonPath result = member.client().when().get("/tokens/analysis-result/" + jobId).then().extract().jsonPath();
            assertEquals(format[1], result.getString("result.format"));
            assertEquals(220.0, result.getDouble("result.pitch.median_hz"), 2.0, format[0]);
        }
    }

    @Test
    void speechIsTranscribedAndScoredAgainstTheTokensLine() throws Exception {
        TranscriptTest.assumePocketSphinx();
        Member member = Members.member();
        long token = Members.token(member, 1, TranscriptTest.LINE);
        Path speech = DebianTools.speak(TranscriptTest.LINE, Files.createTempDirectory("speech").resolve("line.wav"),
                "en-us", 150);
        String jobId = member.client().multiPart("file", "line.wav", Files.readAllBytes(speech), "audio/wav")
                .when().post("/tokens/" + token + "/upload-audio").then().statusCode(200).extract().path("job_id");
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> member.client().when()
                .get("/tokens/analysis-result/" + jobId).then().body("status", equalTo("completed")));
        JsonPath result = member.client().when().get("/tokens/analysis-result/" + jobId).then().extract().jsonPath();
        assertEquals("pocketsphinx", result.getString("result.transcript.engine"));
        assertEquals(null, result.getString("result.transcript.reason"));
        String heard = result.getString("result.transcript.text");
        assertFalse(heard.isBlank(), "transcript");
        double wer = result.getDouble("result.transcript.word_error_rate");
        assertEquals(WordErrorRate.of(TranscriptTest.LINE, heard), wer, 0.0001);
        assertTrue(wer < TranscriptTest.WER_BOUND, heard + " WER " + wer);
    }

    @Test
    void onlyAudioIsAcceptedWhateverTheDeclaredType() {
        Member member = Members.member();
        long token = Members.token(member, 1, "line");
        member.client().multiPart("file", "take.wav", "not audio at all".getBytes(), "audio/wav")
                .when().post("/tokens/" + token + "/upload-audio").then().statusCode(415)
                .body("detail", equalTo("Only WAV, FLAC, MP3 and OGG recordings are accepted (checked by content)"));
        member.client().multiPart("name", "x").when().post("/tokens/" + token + "/upload-audio").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "file")));
        member.client().multiPart("file", "take.wav", Signals.of(8000, 1).sine(200, -20, 0.1).wav(), "audio/wav")
                .when().post("/tokens/999999999/upload-audio").then().statusCode(404);
    }

    @Test
    void anUndecodableRecordingFailsItsJobWithTheReason() throws Exception {
        Member member = Members.member();
        long token = Members.token(member, 1, "line");
        byte[] fake = "RIFF\0\0\0\0WAVEthis is no wave data".getBytes();
        String jobId = member.client().multiPart("file", "take.wav", fake, "audio/wav")
                .when().post("/tokens/" + token + "/upload-audio").then().statusCode(200).extract().path("job_id");
        await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + jobId).then()
                .body("status", equalTo("failed")));
        String message = member.client().when().get("/tokens/analysis-result/" + jobId).then().extract().path("message");
        assertTrue(message.startsWith("The analysis server reported an error: Cannot decode the recording"), message);
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'audio.analysis-failed' "
                + "AND event_key = ?", jobId));
    }
}
