package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the examples of {@code seed-examples/*.yaml}. An example is
 * <pre>
 * - name: …                      # the test's name
 *   source: …                    # where in the seed it comes from (required)
 *   differs: …                   # the README's documented difference this example applies, if any
 *   request: {method, path, headers, json | form | multipart, timeout}
 *   expect: {status, content_type, body, fields, values, contains, min_items, headers, header_types, events}
 *   poll: {until: {path: value}, within: seconds}   # resend until expect (and those values) hold
 *   capture: {variable: path}    # values later examples use as {variable}
 * </pre>
 * Strings may hold placeholders: {run} (unique per run), {admin_token} (the suite's dev admin), {now} (Unix
 * seconds, fixed from its first use in a seed), {hmac_v1} (seed 000's X-Signature: hex HMAC-SHA256 of "{now}." + the file part),
 * {webhook_hmac} (seed 004's webhook signature: hex HMAC-SHA256 of "{now}." + the JSON body), {random_uuid} and
 * captured variables. Field types: string, integer, number, boolean, object, array, uuid,
 * date-time, validation-errors (FastAPI's 422 list), any; a trailing {@code ?} also allows null.
 */
final class ExampleRun {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)}");
    /** The suite's dev-only secrets (infra/suite): seed 000's camera secret and seed 004's webhook secret. */
    private static final String UPLOAD_HMAC_SECRET = Edge.env("LV_UPLOAD_HMAC_SECRET", "dev-only-hmac-secret");
    private static final String WEBHOOK_SECRET = Edge.env("LV_AUDIO_WEBHOOK_SECRET", "dev-only-audio-webhook-secret");

    private final Edge edge;
    private final String runId;
    private String adminToken;

    ExampleRun(Edge edge, String runId) {
        this.edge = edge;
        this.runId = runId;
    }

    SeedContext seed(String seed) {
        return new SeedContext(seed);
    }

    private synchronized String adminToken() throws Exception {
        if (adminToken == null) {
            adminToken = edge.adminToken();
        }
        return adminToken;
    }

    final class SeedContext {
        private final String seed;
        private final Map<String, JsonNode> variables = new HashMap<>();
        private final Map<String, byte[]> files = new HashMap<>();
        /** {now}: set where a seed first uses it, then fixed, so resending a signed request is the same request. */
        private Long now;

        private SeedContext(String seed) {
            this.seed = seed;
        }

        private long now() {
            if (now == null) {
                now = Instant.now().getEpochSecond();
            }
            return now;
        }

        void run(JsonNode example) throws Exception {
            String source = example.path("source").asText("");
            if (source.isBlank()) {
                throw new AssertionError(seed + ": example '" + example.path("name").asText() + "' names no source in the seed");
            }
            String where = seed + " / " + example.path("name").asText() + " (" + source
                    + (example.has("differs") ? "; differs: " + example.path("differs").asText() : "") + ")";
            JsonNode expect = example.path("expect");
            JsonNode poll = example.path("poll");
            Instant deadline = Instant.now().plusSeconds(poll.path("within").asLong(0));
            while (true) {
                Answer answer = send(example.path("request"));
                try {
                    check(answer, expect, where);
                    if (!poll.path("until").isEmpty()) {
                        checkValues(answer.json(), poll.path("until"), where + ", polled until");
                    }
                    capture(answer, example.path("capture"), where);
                    return;
                } catch (AssertionError notYet) {
                    if (!poll.has("until") || Instant.now().isAfter(deadline)) {
                        throw notYet;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }

        private Answer send(JsonNode request) throws Exception {
            String path = fill(request.path("path").asText());
            HttpRequest.Builder builder = HttpRequest.newBuilder(edge.uri(path))
                    .timeout(Duration.ofSeconds(request.path("timeout").asLong(Edge.REQUEST_TIMEOUT.toSeconds())));
            byte[] filePart = null;
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            byte[] jsonBody = null;
            if (request.has("json")) {
                builder.header("Content-Type", "application/json");
                jsonBody = Edge.JSON.writeValueAsBytes(fillTree(request.path("json")));
                body = HttpRequest.BodyPublishers.ofByteArray(jsonBody);
            } else if (request.has("form")) {
                builder.header("Content-Type", "application/x-www-form-urlencoded");
                List<String> pairs = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("form").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    pairs.add(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(fill(field.getValue().asText()), StandardCharsets.UTF_8));
                }
                body = HttpRequest.BodyPublishers.ofString(String.join("&", pairs));
            } else if (request.has("multipart")) {
                String boundary = "----lv-client-check-" + UUID.randomUUID();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (JsonNode part : request.path("multipart")) {
                    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.path("name").asText() + "\"")
                            .getBytes(StandardCharsets.UTF_8));
                    if (part.has("file")) {
                        byte[] bytes = file(part.path("file").asText());
                        filePart = filePart == null ? bytes : filePart;
                        out.writeBytes(("; filename=\"" + part.path("filename").asText() + "\"\r\nContent-Type: "
                                + part.path("content_type").asText() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                        out.writeBytes(bytes);
                    } else {
                        out.writeBytes(("\r\n\r\n" + fill(part.path("value").asText())).getBytes(StandardCharsets.UTF_8));
                    }
                    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                builder.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                body = HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                String value = header.getValue().asText();
                if (value.contains("{hmac_v1}")) {
                    value = value.replace("{hmac_v1}", hmac(UPLOAD_HMAC_SECRET, filePart, "{hmac_v1} needs a file part"));
                }
                if (value.contains("{webhook_hmac}")) {
                    value = value.replace("{webhook_hmac}", hmac(WEBHOOK_SECRET, jsonBody, "{webhook_hmac} needs a json body"));
                }
                builder.header(header.getKey(), fill(value));
            }
            HttpResponse<byte[]> response = edge.send(builder.method(request.path("method").asText("GET"), body).build());
            return new Answer(request.path("method").asText("GET") + " " + path, response);
        }

        /** hex HMAC-SHA256 of "{now}." + the signed bytes: seed 000's X-Signature and seed 004's webhook signature alike. */
        private String hmac(String secret, byte[] signed, String missing) throws Exception {
            if (signed == null) {
                throw new IllegalStateException(missing);
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((now() + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(signed));
        }

        /** One file of each kind per seed and run: resending it is the same request. */
        private byte[] file(String kind) throws Exception {
            byte[] bytes = files.get(kind);
            if (bytes == null) {
                bytes = TestFiles.make(kind);
                files.put(kind, bytes);
            }
            return bytes;
        }

        private void check(Answer answer, JsonNode expect, String where) throws Exception {
            String context = where + ": " + answer.describe();
            if (answer.status() != expect.path("status").asInt()) {
                throw new AssertionError("status " + answer.status() + ", expected " + expect.path("status").asInt() + " — " + context);
            }
            if (expect.has("content_type")) {
                String contentType = answer.response().headers().firstValue("Content-Type").orElse("");
                if (!contentType.startsWith(expect.path("content_type").asText())) {
                    throw new AssertionError("Content-Type " + contentType + " — " + context);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                List<String> values = answer.response().headers().allValues(header.getKey());
                if (!values.equals(List.of(fill(header.getValue().asText())))) {
                    throw new AssertionError("header " + header.getKey() + " " + values + " — " + context);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("header_types").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                List<String> values = answer.response().headers().allValues(header.getKey());
                if (values.size() != 1 || !FieldTypes.matches(header.getValue().asText(), FieldTypes.scalar(values.get(0)))) {
                    throw new AssertionError("header " + header.getKey() + " " + values + " is not one "
                            + header.getValue().asText() + " — " + context);
                }
            }
            String kind = expect.path("body").asText(expect.has("fields") || expect.has("values") || expect.has("contains") ? "json" : "");
            switch (kind) {
                case "binary" -> {
                    if (answer.response().body().length == 0) {
                        throw new AssertionError("empty body — " + context);
                    }
                }
                case "html" -> {
                    if (!answer.text().toLowerCase().contains("<html")) {
                        throw new AssertionError("not an HTML page — " + context);
                    }
                }
                case "empty" -> {
                    if (answer.response().body().length != 0) {
                        throw new AssertionError("body not empty — " + context);
                    }
                }
                case "events" -> checkEvents(answer, expect.path("events"), context);
                case "json" -> {
                    JsonNode json = answer.json();
                    if (expect.has("fields")) {
                        if (json.isArray()) {
                            if (json.size() < expect.path("min_items").asInt(0)) {
                                throw new AssertionError("fewer than " + expect.path("min_items").asInt() + " items — " + context);
                            }
                            for (JsonNode item : json) {
                                FieldTypes.check(item, expect.path("fields"), context);
                            }
                        } else {
                            FieldTypes.check(json, expect.path("fields"), context);
                        }
                    }
                    checkValues(json, expect.path("values"), context);
                    for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("contains").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> part = it.next();
                        if (!FieldTypes.at(json, part.getKey()).asText().contains(fill(part.getValue().asText()))) {
                            throw new AssertionError(part.getKey() + " does not contain '" + part.getValue().asText() + "' — " + context);
                        }
                    }
                }
                case "" -> { }
                default -> throw new IllegalStateException("unknown body kind " + kind);
            }
        }

        /** Server-Sent Events: every {@code data:} line is JSON with the given fields; the last has {@code last}'s values. */
        private void checkEvents(Answer answer, JsonNode expect, String context) throws Exception {
            List<JsonNode> events = new ArrayList<>();
            for (String line : answer.text().split("\r?\n")) {
                if (line.startsWith("data:")) {
                    events.add(Edge.JSON.readTree(line.substring(5).trim()));
                }
            }
            if (events.isEmpty()) {
                throw new AssertionError("no data: events — " + context);
            }
            for (JsonNode event : events) {
                FieldTypes.check(event, expect.path("fields"), context + " event " + event);
            }
            checkValues(events.get(events.size() - 1), expect.path("last"), context + " last event");
        }

        private void checkValues(JsonNode json, JsonNode values, String context) {
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> value = it.next();
                JsonNode actual = FieldTypes.at(json, value.getKey());
                // a string (placeholders filled) compares with the answer's text; fields: checks its type
                JsonNode wanted = value.getValue().isTextual() ? TextNode.valueOf(fill(value.getValue().asText())) : value.getValue();
                boolean equal = wanted.isTextual() ? actual.isValueNode() && actual.asText().equals(wanted.asText())
                        : actual.equals(wanted) || (wanted.isNumber() && actual.isNumber() && wanted.decimalValue().compareTo(actual.decimalValue()) == 0);
                if (!equal) {
                    throw new AssertionError(value.getKey() + " is " + actual + ", expected " + wanted + " — " + context);
                }
            }
        }

        private void capture(Answer answer, JsonNode capture, String where) throws Exception {
            for (Iterator<Map.Entry<String, JsonNode>> it = capture.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = FieldTypes.at(answer.json(), entry.getValue().asText());
                if (value.isMissingNode() || value.isNull()) {
                    throw new AssertionError("nothing to capture at " + entry.getValue().asText() + " — " + where);
                }
                variables.put(entry.getKey(), value);
            }
        }

        private JsonNode fillTree(JsonNode node) {
            if (node.isTextual()) {
                Matcher whole = PLACEHOLDER.matcher(node.asText());
                if (whole.matches() && variables.containsKey(whole.group(1))) {
                    return variables.get(whole.group(1));   // a captured number stays a number
                }
                return TextNode.valueOf(fill(node.asText()));
            }
            if (node.isObject()) {
                ObjectNode copy = Edge.JSON.createObjectNode();
                node.fields().forEachRemaining(field -> copy.set(field.getKey(), fillTree(field.getValue())));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = Edge.JSON.createArrayNode();
                node.forEach(item -> copy.add(fillTree(item)));
                return copy;
            }
            return node;
        }

        String fill(String text) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1))));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private String value(String name) {
            try {
                return switch (name) {
                    case "run" -> runId;
                    case "now" -> Long.toString(now());
                    case "admin_token" -> adminToken();
                    case "random_uuid" -> UUID.randomUUID().toString();
                    default -> {
                        JsonNode value = variables.get(name);
                        if (value == null) {
                            throw new AssertionError("{" + name + "} was not captured by an earlier example of " + seed);
                        }
                        yield value.asText();
                    }
                };
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("{" + name + "}: " + e.getMessage(), e);
            }
        }
    }

    record Answer(String request, HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() throws Exception {
            return Edge.JSON.readTree(text());
        }

        String describe() {
            String text = text();
            return request + " → " + status() + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }
}
