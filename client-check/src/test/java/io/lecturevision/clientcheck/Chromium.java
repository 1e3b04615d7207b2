package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium with a fresh profile, driven over the DevTools protocol with java.net.http's
 * WebSocket (as video-service's browser tests do): navigate, evaluate JavaScript, type as a keyboard does,
 * and record the requests the page sent and the responses it received.
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    /** One request the page sent, with the status it was answered (0 until answered). */
    record Exchange(String requestId, String method, String url, JsonNode requestHeaders, String postData, int status) {
    }

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static Chromium start(Duration timeout) throws Exception {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("chromium is not installed"));
        Path profile = Files.createTempDirectory("lv-chromium-");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--no-default-browser-check",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            return new Chromium(process, profile, timeout);
        } catch (Exception e) {
            process.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    private Chromium(Process process, Path profile, Duration timeout) throws Exception {
        this.process = process;
        this.profile = profile;
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Chromium did not open its DevTools port: "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode target : targets) {
            if (page == null && "page".equals(target.path("type").asText())) {
                page = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            throw new IllegalStateException("no page target: " + targets);
        }
        this.socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener())
                .get(timeout.toSeconds(), TimeUnit.SECONDS);
        call("Network.enable", JSON.createObjectNode(), timeout);
        call("Page.enable", JSON.createObjectNode(), timeout);
    }

    void navigate(String url, Duration timeout) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url), timeout);
    }

    /** Evaluates {@code expression} in the page (as a user gesture) and returns its value (JSON). */
    JsonNode evaluate(String expression, Duration timeout) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true).put("userGesture", true);
        JsonNode result = call("Runtime.evaluate", params, timeout);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code expression} until it is truthy, within {@code timeout}; returns its value. */
    JsonNode await(String what, String expression, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode value = null;
        while (Instant.now().isBefore(deadline)) {
            value = evaluate(expression, timeout);
            if (!value.isMissingNode() && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                    && !(value.isTextual() && value.asText().isEmpty())) {
                return value;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError(what + ": not the case within " + timeout + " (last value " + value + ")");
    }

    /** Types {@code text} into the focused element as keyboard input (the page sees input events). */
    void type(String text, Duration timeout) throws Exception {
        call("Input.insertText", JSON.createObjectNode().put("text", text), timeout);
    }

    /** The requests the page sent, in order, with the status each was answered. */
    List<Exchange> exchanges() {
        return order.stream().map(exchanges::get).toList();
    }

    private JsonNode call(String method, ObjectNode params, Duration timeout) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void onEvent(String method, JsonNode params) {
        String requestId = params.path("requestId").asText();
        if ("Network.requestWillBeSent".equals(method)) {
            JsonNode request = params.path("request");
            if (exchanges.put(requestId, new Exchange(requestId, request.path("method").asText(),
                    request.path("url").asText(), request.path("headers"), request.path("postData").asText(null), 0)) == null) {
                order.add(requestId);
            }
        } else if ("Network.responseReceived".equals(method)) {
            exchanges.computeIfPresent(requestId, (key, sent) -> new Exchange(key, sent.method(), sent.url(),
                    sent.requestHeaders(), sent.postData(), params.path("response").path("status").asInt()));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        onEvent(message.path("method").asText(), message.path("params"));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
