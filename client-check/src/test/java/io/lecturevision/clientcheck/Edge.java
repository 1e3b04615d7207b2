package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The running suite's edge, as a client of the originals reaches it: HTTP/1.1, no cookies. Like a browser at
 * /docs it follows redirects; like a polite client it honours {@code Retry-After} on 429: the seeds' per-address
 * limits (register 5/min, login 10/min) are shared by every request of this check, which all come from 127.0.0.1.
 */
final class Edge {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The suite's dev-only first admin (infra/suite's LV_ADMIN_EMAIL / LV_ADMIN_PASSWORD). */
    static final String ADMIN_EMAIL = env("LV_ADMIN_EMAIL", "admin@lecturevision.local");
    static final String ADMIN_PASSWORD = env("LV_ADMIN_PASSWORD", "admin-dev-password");
    /** Bounds generous enough for a loaded 2-core machine; only ever waited on conditions. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration RATE_LIMIT_PATIENCE = Duration.ofMinutes(3);

    final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();

    Edge() {
        String url = System.getProperty("lv.edge.url", "");
        if (url.isBlank()) {
            url = "http://127.0.0.1:" + env("LV_EDGE_PORT", "8080");
        }
        base = URI.create(url.replaceAll("/+$", ""));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Sends {@code request}; on 429 waits what Retry-After says (bounded) and sends it again. */
    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RATE_LIMIT_PATIENCE);
        while (true) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException e) {
                throw new IllegalStateException("the edge " + base + " does not answer: is the suite up (infra/suite up)?", e);
            }
            if (response.statusCode() != 429) {
                return response;
            }
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
            if (Instant.now().plusSeconds(wait).isAfter(deadline)) {
                return response;
            }
            System.out.printf("[client-check] 429 on %s %s: waiting %d s as Retry-After says%n",
                    request.method(), request.uri().getPath(), wait);
            TimeUnit.SECONDS.sleep(Math.max(1, wait));
        }
    }

    JsonNode json(String method, String path, String token, Object body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = send(request.build());
        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + ": expected " + expectedStatus + ", got "
                    + response.statusCode() + " " + text);
        }
        return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    }

    String login(String email, String password) throws Exception {
        return json("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                .path("access_token").asText();
    }

    String adminToken() throws Exception {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A unique suffix for this run's names, so the check passes again on the same running suite. */
    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
