package io.lecturevision.audio;

import io.lecturevision.audio.Members.Member;
import io.lecturevision.audio.analysis.DebianTools;
import io.lecturevision.audio.analysis.Signals;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two processes of the packaged service against one database: instance A (started by Quarkus) runs
 * the jobs, instance B (started here from target/quarkus-app on another port) holds the SSE
 * listeners and hears A's events through PostgreSQL LISTEN/NOTIFY.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(SecondInstanceIT.SharedKeys.class)
class SecondInstanceIT {

    /** The test keys, kept where this test can hand the same ones to instance B. */
    public static class SharedKeys extends TestJwtKeys {
        static volatile Map<String, String> properties;

        @Override
        public Map<String, String> start() {
            properties = super.start();
            return properties;
        }
    }

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static Process instanceB;
    private static int portB;
    private static Path logB;

    @BeforeAll
    static void startInstanceB() throws Exception {
        portB = suitePortIfFree().orElseGet(SecondInstanceIT::freePort);
        logB = Path.of("target", "second-instance.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=" + portB, "-Dquarkus.http.test-port=" + portB));
        SharedKeys.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        instanceB = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logB.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertTrue(instanceB.isAlive(), "instance B exited; see " + logB);
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** audio-service's port in the suite (LV_AUDIO_PORT), where the edge sends audio's routes, when no one holds it. */
    private static java.util.Optional<Integer> suitePortIfFree() {
        String port = System.getenv("LV_AUDIO_PORT");
        if (port == null) {
            return java.util.Optional.empty();
        }
        try (ServerSocket socket = new ServerSocket(Integer.parseInt(port), 50, java.net.InetAddress.getLoopbackAddress())) {
            return java.util.Optional.of(socket.getLocalPort());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopInstanceB() throws Exception {
        if (instanceB != null) {
            instanceB.destroy();
            if (!instanceB.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                instanceB.destroyForcibly();
            }
        }
    }

    private static Member member() {
        UUID corporation = UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        String jwt = TestJwt.sign(TestJwt.claims(user, "guest").claim("corporation_id", corporation.toString()),
                Path.of(SharedKeys.properties.get("lv.test.jwt-key-dir")));
        return new Member(user, corporation, jwt);
    }

    private static PGSimpleDataSource database() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl("jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LV_PG_PORT", "15432") + "/audio_test");
        db.setUser("audio");
        db.setPassword(System.getenv().getOrDefault("LV_DB_PASSWORD", "audio-dev"));
        return db;
    }

    @Test
    void aListenerOnInstanceBHearsTheResultInstanceAReceives() throws Exception {
        Member member = member();
        long token = Members.token(member, 1, "a line");
        UUID job = Jobs.insert(database(), member, token, "analysing", Instant.now(), null, null);
        try (SseClient onB = SseClient.open(portB, "/tokens/analysis-progress/" + job, member.jwt(), null)) {
            assertEquals(200, onB.status());
            // B has sent nothing yet: the job has no event. The webhook then goes to A only.
            assertEquals(List.of(), onB.events());
            Jobs.webhook(job, "{\"analysis_results\":{\"score\":87}}", Instant.now()).statusCode(200);
            await().atMost(WAIT).until(onB::finished);
            List<SseClient.Event> events = onB.events();
            assertEquals(List.of("1"), events.stream().map(SseClient.Event::id).toList());
            JsonPath last = JsonPath.from(events.get(0).data());
            assertEquals("completed", last.getString("status"));
            assertEquals(87, last.getInt("result.score"));
        }
    }

    /**
     * Instance B on the suite's audio port is what the running edge (infra/suite infra) proxies to:
     * audio-service/sse-edge-check, the check for a running suite, must pass through it.
     */
    @Test
    void theProgressStreamPassesTheEdgeUnbuffered() throws Exception {
        String edge = "http://127.0.0.1:" + System.getenv().getOrDefault("LV_EDGE_PORT", "8080");
        Assumptions.assumeTrue(Integer.toString(portB).equals(System.getenv("LV_AUDIO_PORT")),
                "skipped: LV_AUDIO_PORT is unset or taken, so instance B is not behind the edge");
        int health;
        try {
            health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(edge + "/audio-service/health"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            health = 0;
        }
        Assumptions.assumeTrue(health == 200, "skipped: no edge at " + edge + " (start it with infra/suite infra)");
        DebianTools.assumeInstalled("sox");
        Process check = new ProcessBuilder("./sse-edge-check", edge, member().jwt()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), output);
        assertEquals(0, check.exitValue(), output);
        assertTrue(output.contains("sse-edge-check: passed"), output);
    }

    @Test
    void aListenerOnInstanceBFollowsAnUploadRunByInstanceAToTheEnd() throws Exception {
        Member member = member();
        long token = Members.token(member, 1, "one two three");
        byte[] wav = Signals.of(16_000, 1).sine(220, -20, 2).silence(0.5).wav();
        String jobId = member.client().multiPart("file", "take.wav", wav, "audio/wav")
                .when().post("/tokens/" + token + "/upload-audio").then().statusCode(200).extract().path("job_id");
        try (SseClient onB = SseClient.open(portB, "/tokens/analysis-progress/" + jobId, member.jwt(), null)) {
            await().atMost(WAIT).until(onB::finished);
            List<SseClient.Event> events = onB.events();
            assertEquals(List.of("1", "2", "3", "4", "5"), events.stream().map(SseClient.Event::id).toList());
            assertEquals(List.of(10, 40, 70, 80, 100),
                    events.stream().map(e -> JsonPath.from(e.data()).getInt("progress")).toList());
            assertEquals(220.0, JsonPath.from(events.get(4).data()).getDouble("result.pitch.median_hz"), 2.0);
        }
        member.client().when().get("/tokens/analysis-result/" + jobId).then().body("status", equalTo("completed"));
    }
}
