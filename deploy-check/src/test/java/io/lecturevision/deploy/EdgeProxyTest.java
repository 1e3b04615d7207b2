package io.lecturevision.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local edge (infra/edge-conf local, as infra/suite renders it) run by a real nginx in front of
 * five recording upstreams, asked as a client would over HTTP/1.1.
 */
class EdgeProxyTest {

    /** What an upstream received: service, path with query, headers (lower-case names, every value). */
    record Seen(String service, String pathAndQuery, Map<String, List<String>> headers, long bodyBytes) {
    }

    private static final ConcurrentLinkedQueue<Seen> SEEN = new ConcurrentLinkedQueue<>();
    private static final List<HttpServer> UPSTREAMS = new java.util.ArrayList<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static Process nginx;
    private static Path state;
    private static int edgePort;

    @BeforeAll
    static void startEdge() throws Exception {
        Path nginxBin = Repository.requireTool("nginx", "infra/suite installs it (apt-get install nginx)");
        Map<String, String> env = new HashMap<>();
        for (String service : Repository.SERVICES) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                long body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.transferTo(OutputStream.nullOutputStream());
                }
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
                SEEN.add(new Seen(service, exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        headers, body));
                byte[] ok = ("{\"service\":\"" + service + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
            });
            server.start();
            UPSTREAMS.add(server);
            env.put("LV_" + service.toUpperCase() + "_PORT", String.valueOf(server.getAddress().getPort()));
        }
        try (ServerSocket free = new ServerSocket(0)) {
            edgePort = free.getLocalPort();
        }
        env.put("LV_EDGE_PORT", String.valueOf(edgePort));

        // nginx started as root serves from unprivileged workers: they must reach the temp folders
        state = Files.createTempDirectory("deploy-check-edge", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(state.resolve("tmp"));
        ProcessBuilder render = new ProcessBuilder(Repository.root().resolve("infra/edge-conf").toString(), "local",
                state.toString(), state.toString()).redirectOutput(state.resolve("nginx.conf").toFile());
        render.environment().putAll(env);
        Process rendering = render.start();
        assertTrue(rendering.waitFor(30, TimeUnit.SECONDS) && rendering.exitValue() == 0, "infra/edge-conf local failed");

        nginx = new ProcessBuilder(nginxBin.toString(), "-p", state.toString(), "-e", "stderr", "-c", state.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(state.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(edgePort)) {
            if (!nginx.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("nginx did not start: " + Files.readString(state.resolve("nginx.out")));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopEdge() throws InterruptedException, IOException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(20, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        UPSTREAMS.forEach(s -> s.stop(0));
        if (state != null) {
            try (var files = Files.walk(state)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void quarkusPathsAreNotFoundAtTheEdgeAndNeverReachAService() throws Exception {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/dev-ui", "/q", "/q/",
                "/%71/health", "/docs/../q/metrics", "//q/metrics", "/./q/health", "/q%2Fmetrics")) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: lecturevision.test\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 404 "), path + " -> " + response);
            assertTrue(response.endsWith("{\"detail\":\"Not Found\"}"), path + " -> " + response);
        }
        assertEquals(List.of(), List.copyOf(SEEN), "no upstream may see a /q/ request");
    }

    @Test
    void forwardingHeadersCarryTheAddressTheEdgeSawWhateverTheClientSends() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(edge("/auth-service/health"))
                .header("X-Forwarded-For", "203.0.113.9, 198.51.100.1")
                .header("X-Real-IP", "203.0.113.8")
                .header("Forwarded", "for=203.0.113.7;proto=https")
                .header("X-Forwarded-Prefix", "/evil")
                .header("X-Request-ID", "req-1")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Seen seen = only();
        assertEquals("auth", seen.service());
        assertEquals("/health", seen.pathAndQuery());
        assertEquals(List.of("127.0.0.1"), seen.headers().get("x-forwarded-for"));
        assertEquals(List.of("127.0.0.1"), seen.headers().get("x-real-ip"));
        assertEquals(List.of("http"), seen.headers().get("x-forwarded-proto"));
        assertNull(seen.headers().get("forwarded"));
        assertNull(seen.headers().get("x-forwarded-prefix"));
        assertEquals(List.of("req-1"), seen.headers().get("x-request-id"));
    }

    @Test
    void aRequestWithoutAnIdGetsAUuidShapedOne() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(edge("/auth-service/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<String> ids = only().headers().get("x-request-id");
        assertEquals(1, ids.size(), ids.toString());
        assertTrue(ids.get(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), ids.get(0));
    }

    @Test
    void aliasesAndPrefixesReachTheRightServiceAndPath() throws Exception {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/openapi/video.json", "video /q/openapi?format=json");
        expected.put("/openapi/audio.json", "audio /q/openapi?format=json");
        expected.put("/vision-service/health", "vision /health");
        expected.put("/docs", "auth /docs");
        expected.put("/docs/index.html", "auth /docs/index.html");
        expected.put("/token", "auth /token");
        expected.put("/tokens/t1/upload-audio", "audio /tokens/t1/upload-audio");
        expected.put("/tokens/analysis-progress/j1", "audio /tokens/analysis-progress/j1");
        expected.put("/uploads?skip=0&limit=5", "upload /uploads?skip=0&limit=5");
        expected.put("/upload-clients", "upload /upload-clients");
        expected.put("/v1/videos/stream/abc", "video /v1/videos/stream/abc");
        expected.put("/v1/users/me", "auth /v1/users/me");
        expected.put("/photos/p1/events", "vision /photos/p1/events");
        expected.put("/.well-known/jwks.json", "auth /.well-known/jwks.json");
        expected.put("/", "auth /");
        for (var e : expected.entrySet()) {
            SEEN.clear();
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(edge(e.getKey())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), e.getKey());
            Seen seen = only();
            assertEquals(e.getValue(), seen.service() + " " + seen.pathAndQuery(), e.getKey());
        }
    }

    @Test
    void bodiesOverARoutesLimitAreRefusedAtTheEdge() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(edge("/v1/points"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode());
        assertEquals(List.of(), List.copyOf(SEEN), "a refused body never reaches the service");

        HttpResponse<String> passed = CLIENT.send(HttpRequest.newBuilder(edge("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, passed.statusCode());
        assertEquals(twoMegabytes.length, only().bodyBytes());
    }

    private static Seen only() {
        List<Seen> seen = List.copyOf(SEEN);
        assertEquals(1, seen.size(), "requests seen upstream: " + seen);
        return seen.get(0);
    }

    private static URI edge(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + edgePort + pathAndQuery);
    }

    /** Sends the request bytes as written (no client-side path normalisation) and reads the whole answer. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
