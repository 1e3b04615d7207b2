package io.lecturevision.upload;

import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload limit with a long window (20 per hour, so refill is negligible while the test runs),
 * held by two processes of the packaged service against one database: instance A (started by
 * Quarkus) and instance B (started here from target/quarkus-app on another port), and by the real
 * edge (nginx rendered by infra/edge-conf) in front of A, whatever X-Forwarded-For a client sends.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = RateLimitAcrossInstancesIT.HourlyLimit.class, restrictToAnnotatedClass = true)
class RateLimitAcrossInstancesIT {

    static final int LIMIT = 20;

    /** The test keys and the IT-only limit, kept where this test can hand the same ones to instance B. */
    public static class HourlyLimit extends TestJwtKeys {
        static volatile Map<String, String> properties;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("lv.rate-limits.upload.limit", Integer.toString(LIMIT));
            config.put("lv.rate-limits.upload.window-seconds", "3600");
            properties = Map.copyOf(config);
            return properties;
        }

        @Override
        public int order() {
            // after the module's global TestJwtKeys, so that these keys are the ones the app reads
            return 1;
        }
    }

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Process instanceB;
    private static int portB;
    private static Process edge;
    private static Path edgeState;
    private static int edgePort;

    @BeforeAll
    static void startInstanceB() throws Exception {
        portB = freePort();
        Path logB = Path.of("target", "rate-limit-instance-b.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=" + portB, "-Dquarkus.http.test-port=" + portB));
        HourlyLimit.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        instanceB = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logB.toFile()).start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertTrue(instanceB.isAlive(), "instance B exited; see " + logB);
            return status("http://127.0.0.1:" + portB + "/health") == 200;
        });
    }

    /**
     * infra/edge-conf local, every service's upstream on instance A, run by a real nginx. Started by
     * the test that uses it: RestAssured knows instance A's port only once a test runs.
     */
    private static void startEdge() throws Exception {
        Path nginx = List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/bin/nginx").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("nginx is not installed: infra/suite installs it"));
        edgePort = freePort();
        edgeState = Files.createTempDirectory("upload-edge", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(edgeState.resolve("tmp"));
        ProcessBuilder render = new ProcessBuilder(Path.of("..", "infra", "edge-conf").toString(), "local",
                edgeState.toString(), edgeState.toString()).redirectOutput(edgeState.resolve("nginx.conf").toFile())
                .redirectError(edgeState.resolve("render.err").toFile());
        for (String service : List.of("AUTH", "UPLOAD", "VIDEO", "VISION", "AUDIO")) {
            render.environment().put("LV_" + service + "_PORT", Integer.toString(RestAssured.port));
        }
        render.environment().put("LV_EDGE_PORT", Integer.toString(edgePort));
        Process rendering = render.start();
        assertTrue(rendering.waitFor(30, TimeUnit.SECONDS) && rendering.exitValue() == 0,
                "infra/edge-conf local failed: " + Files.readString(edgeState.resolve("render.err")));
        edge = new ProcessBuilder(nginx.toString(), "-p", edgeState.toString(), "-e", "stderr", "-c",
                edgeState.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(edgeState.resolve("nginx.out").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertTrue(edge.isAlive(), () -> "nginx exited: " + read(edgeState.resolve("nginx.out")));
            return accepts(edgePort);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : new Process[]{edge, instanceB}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        if (edgeState != null) {
            try (var files = Files.walk(edgeState)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void twoInstancesTogetherAllowTheLimitOnce() {
        String token = token();
        String address = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT; i++) {
            statuses.add(given().port(i % 2 == 0 ? RestAssured.port : portB).auth().oauth2(token)
                    .header("X-Forwarded-For", address).multiPart("people_count", "1")
                    .when().post("/upload").statusCode());
        }
        long allowed = statuses.stream().filter(status -> status != 429).count();
        assertTrue(Math.abs(allowed - LIMIT) <= LIMIT / 10, "allowed " + allowed + " of " + statuses);
        assertTrue(statuses.subList(LIMIT + LIMIT / 10, 2 * LIMIT).stream().allMatch(status -> status == 429), statuses.toString());
        assertTrue(statuses.subList(0, LIMIT - LIMIT / 10).stream().allMatch(RateLimitAcrossInstancesIT::servedAndRefused),
                statuses.toString());
    }

    @Test
    void aClientChoosingItsXForwardedForThroughTheEdgeIsStillOneAddress() throws Exception {
        startEdge();
        // The edge's own address is the client's here: its bucket starts full however often this test ran.
        Db.update(database(), "DELETE FROM rate_limit_bucket WHERE name = 'upload:CLIENT_IP' AND key = 'ip:127.0.0.1'");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LIMIT + 5; i++) {
            // A new token each time: only the address's bucket can run out.
            String forged = "203.0.113." + (i + 1) + ", 10.9.8." + (i + 1);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/upload"))
                    .header("Authorization", "Bearer " + token())
                    .header("X-Forwarded-For", forged)
                    .header("X-Real-IP", forged.substring(0, forged.indexOf(',')))
                    .header("Forwarded", "for=" + forged.substring(0, forged.indexOf(',')))
                    .header("Content-Type", "multipart/form-data; boundary=lvboundary")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "--lvboundary\r\nContent-Disposition: form-data; name=\"people_count\"\r\n\r\n1\r\n--lvboundary--\r\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
        }
        assertTrue(statuses.subList(0, LIMIT).stream().allMatch(RateLimitAcrossInstancesIT::servedAndRefused), statuses.toString());
        assertEquals(List.of(429, 429, 429, 429, 429), statuses.subList(LIMIT, LIMIT + 5), statuses.toString());
        assertEquals(0, Db.count(database(), "SELECT count(*) FROM rate_limit_bucket WHERE name = 'upload:CLIENT_IP'"
                + " AND (key LIKE 'ip:203.0.113.%' OR key LIKE 'ip:10.9.8.%')"), "no bucket was made for an address the client chose");
    }

    /** The service answered (an unsigned upload without a file is a 4xx of its own), not the limiter. */
    private static boolean servedAndRefused(int status) {
        return status >= 400 && status < 500 && status != 429;
    }

    private static String token() {
        return TestJwt.sign(TestJwt.claims(UUID.randomUUID().toString(), "guest"), Path.of(HourlyLimit.properties.get("lv.test.jwt-key-dir")));
    }

    private static PGSimpleDataSource database() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl("jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LV_PG_PORT", "15432") + "/upload_test");
        db.setUser("upload");
        db.setPassword(System.getenv().getOrDefault("LV_DB_PASSWORD", "upload-dev"));
        return db;
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
