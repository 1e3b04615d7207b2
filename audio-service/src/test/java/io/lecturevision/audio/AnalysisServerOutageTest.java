package io.lecturevision.audio;

import io.lecturevision.audio.Members.Member;
import io.lecturevision.audio.analysis.Signals;
import io.lecturevision.common.testing.TcpProxy;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysis server down (nothing listening), then up (a proxy to this app): calls are retried, then the circuit opens
 * (later jobs fail at once, saying so), and it closes again once the server is back.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = AnalysisServerOutageTest.UnreachableAnalysisServer.class, restrictToAnnotatedClass = true)
class AnalysisServerOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * The analysis server is configured at a free port where nothing listens yet (down); the test
     * brings it up by starting a proxy there to this app's own /analyze-voice.
     */
    public static class UnreachableAnalysisServer implements QuarkusTestResourceLifecycleManager {
        static int port;

        @Override
        public Map<String, String> start() {
            port = freePort();
            Map<String, String> config = new HashMap<>();
            config.put("lv.audio.target-server-url", "http://127.0.0.1:" + port + "/analyze-voice");
            // Open long enough that the second upload meets the open circuit on a loaded machine.
            config.put("io.lecturevision.audio.client.AnalysisServer/submit/CircuitBreaker/delay", "15000");
            config.put("io.lecturevision.audio.client.AnalysisServer/submit/CircuitBreaker/delayUnit", "MILLIS");
            return config;
        }

        @Override
        public void stop() {
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void retriesThenTheCircuitOpensAndClosesWhenTheServerIsBack() {
        Member member = Members.member();
        long token = Members.token(member, 1, "one two");
        byte[] wav = Signals.of(16_000, 1).sine(220, -20, 1).wav();

        String first = upload(member, token, wav);
        String unreachable = finalMessage(member, first);
        assertTrue(unreachable.startsWith("The analysis server could not be reached, also after retries"), unreachable);
        String second = upload(member, token, wav);
        assertEquals("The analysis server is unavailable (it kept failing; calls are paused for a while)",
                finalMessage(member, second));

        try (TcpProxy server = TcpProxy.start(UnreachableAnalysisServer.port, RestAssured.port)) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String job = upload(member, token, wav);
                await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + job)
                        .then().body("status", not(equalTo("processing"))));
                return "completed".equals(member.client().when().get("/tokens/analysis-result/" + job).then()
                        .extract().path("status"));
            });
        }
    }

    private static String upload(Member member, long token, byte[] wav) {
        return member.client().multiPart("file", "take.wav", wav, "audio/wav").when()
                .post("/tokens/" + token + "/upload-audio").then().statusCode(200).extract().path("job_id");
    }

    private static String finalMessage(Member member, String job) {
        await().atMost(WAIT).untilAsserted(() -> member.client().when().get("/tokens/analysis-result/" + job).then()
                .body("status", equalTo("failed")));
        return member.client().when().get("/tokens/analysis-result/" + job).then().extract().path("message");
    }
}
