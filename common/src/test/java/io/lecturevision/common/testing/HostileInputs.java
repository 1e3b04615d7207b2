package io.lecturevision.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table of hostile values every route must answer with a 4xx in FastAPI's shape
 * ({@code {"detail": ...}}) without changing the database. A service's test lists its routes, each
 * as a function that sends one request with the hostile value in one place, and a snapshot of the
 * rows the route could write; {@link #refused} makes one dynamic test per (route, value).
 */
public final class HostileInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileInputs() {
    }

    /** One hostile value: a label for the test's name and the value (a String, or any JSON value for bodies). */
    public record Hostile(String label, Object value) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** For text fields: what PostgreSQL cannot store, what no field means, and strings of the wrong size or type. */
    public static List<Hostile> text() {
        List<Hostile> values = new ArrayList<>(List.of(
                new Hostile("NUL", "a\u0000b"),
                new Hostile("only NUL", "\u0000"),
                new Hostile("control characters", "a\u0001\u001b[31mb\u007f"),
                new Hostile("overlong (100 000 characters)", "a".repeat(100_000))));
        values.addAll(wrongJsonTypesForText());
        return values;
    }

    /** Text fields that are required to say something. */
    public static List<Hostile> requiredText() {
        List<Hostile> values = new ArrayList<>(text());
        values.add(new Hostile("empty", ""));
        return values;
    }

    /** Numbers as a client can spell them in a query, a form or JSON. */
    public static List<Hostile> numbers() {
        return List.of(
                new Hostile("negative", "-1"),
                new Hostile("2^63", "9223372036854775808"),
                new Hostile("-2^63-1", "-9223372036854775809"),
                new Hostile("10^400", "1e400"),
                new Hostile("NaN", "NaN"),
                new Hostile("Infinity", "Infinity"),
                new Hostile("hex", "0x10"),
                new Hostile("NUL", "1\u0000"),
                new Hostile("empty", ""));
    }

    /**
     * {@link #numbers()} as they appear in a URL (NUL percent-encoded), without the empty value: an
     * empty query parameter is read as absent (its default), not refused.
     */
    public static List<Hostile> queryNumbers() {
        return numbers().stream().filter(n -> !n.label().equals("empty"))
                .map(n -> new Hostile(n.label(), ((String) n.value()).replace("\u0000", "%00"))).toList();
    }

    /** Dates and date-times outside any sensible range, malformed, or not dates. */
    public static List<Hostile> dates() {
        return List.of(
                new Hostile("year 0", "0000-01-01T00:00:00Z"),
                new Hostile("year -1", "-0001-01-01T00:00:00Z"),
                new Hostile("year 10000", "+10000-01-01T00:00:00Z"),
                new Hostile("year 294277 (past PostgreSQL)", "+294277-01-01T00:00:00Z"),
                new Hostile("month 13", "2030-13-01T00:00:00Z"),
                new Hostile("day 32", "2030-01-32"),
                new Hostile("infinity", "infinity"),
                new Hostile("epoch seconds", "1700000000"),
                new Hostile("not a date", "tomorrow"),
                new Hostile("NUL", "2030-01-01\u0000"),
                new Hostile("empty", ""));
    }

    /** JSON values of the wrong type for a text field (for bodies only). */
    public static List<Hostile> wrongJsonTypesForText() {
        return List.of(
                new Hostile("number instead of text", 12),
                new Hostile("object instead of text", Map.of("$ne", "")),
                new Hostile("array instead of text", List.of("a", "b")),
                new Hostile("boolean instead of text", true));
    }

    /** JSON values of the wrong type for a number field. */
    public static List<Hostile> wrongJsonTypesForNumbers() {
        return List.of(
                new Hostile("text instead of a number", "twelve"),
                new Hostile("object instead of a number", Map.of()),
                new Hostile("array instead of a number", List.of(1)),
                new Hostile("fraction instead of an integer", 1.5),
                new Hostile("2^63 as a JSON number", new java.math.BigInteger("9223372036854775808")),
                new Hostile("10^400 as a JSON number", new java.math.BigDecimal("1e400")));
    }

    /** A multipart body that is not what the route reads; {@code send} gets the content type and the bytes. */
    public record Multipart(String label, String contentType, byte[] body) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Malformed multipart bodies for a route whose file part is {@code filePart}: no boundary, a
     * truncated body, the file under another part name, a file part that is text, and not multipart.
     */
    public static List<Multipart> malformedMultipart(String filePart, byte[] file) {
        String boundary = "lvHostileBoundary";
        byte[] complete = multipart(boundary, filePart, "a.jpg", "image/jpeg", file);
        return List.of(
                new Multipart("no boundary", "multipart/form-data", complete),
                new Multipart("empty boundary", "multipart/form-data; boundary=", complete),
                new Multipart("truncated", "multipart/form-data; boundary=" + boundary,
                        java.util.Arrays.copyOf(complete, complete.length / 2)),
                new Multipart("no closing boundary", "multipart/form-data; boundary=" + boundary,
                        java.util.Arrays.copyOf(complete, complete.length - ("--" + boundary + "--\r\n").length())),
                new Multipart("garbage", "multipart/form-data; boundary=" + boundary, "not multipart at all".getBytes(StandardCharsets.US_ASCII)),
                new Multipart("empty body", "multipart/form-data; boundary=" + boundary, new byte[0]),
                new Multipart("wrong part name", "multipart/form-data; boundary=" + boundary,
                        multipart(boundary, "not_" + filePart, "a.jpg", "image/jpeg", file)),
                new Multipart("file part as text", "multipart/form-data; boundary=" + boundary,
                        multipart(boundary, filePart, null, "text/plain", "hello".getBytes(StandardCharsets.US_ASCII))),
                new Multipart("NUL in the file name", "multipart/form-data; boundary=" + boundary,
                        multipart(boundary, filePart, "a\u0000.jpg", "image/jpeg", file)),
                new Multipart("JSON instead of multipart", "application/json", "{\"file\":\"AAAA\"}".getBytes(StandardCharsets.US_ASCII)));
    }

    /** One part, framed by {@code boundary}; a null file name makes it a form field. */
    public static byte[] multipart(String boundary, String part, String fileName, String contentType, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + contentType + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[headBytes.length + content.length + tail.length];
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(content, 0, body, headBytes.length, content.length);
        System.arraycopy(tail, 0, body, headBytes.length + content.length, tail.length);
        return body;
    }

    /** {@code valid} (a JSON object) with {@code field} set to {@code value}, as JSON text. */
    public static String jsonWith(Map<String, ?> valid, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One test per value: {@code send} makes the request with it; the answer must be a 4xx with a
     * JSON {@code detail}, and {@code rows} (counts of what the route could write) must not change.
     */
    public static <T> Stream<DynamicTest> refused(String route, List<T> values, Function<T, Response> send,
                                                  Supplier<?> rows) {
        return values.stream().map(value -> DynamicTest.dynamicTest(route + " <- " + value, () -> {
            Object before = rows.get();
            Response response = send.apply(value);
            int status = response.statusCode();
            assertTrue(status >= 400 && status < 500, route + " <- " + value + ": " + status + " " + response.asString());
            assertTrue(response.contentType() != null && response.contentType().startsWith("application/json"),
                    route + " <- " + value + ": content type " + response.contentType() + ", " + response.asString());
            assertNotNull(response.jsonPath().get("detail"), route + " <- " + value + ": " + response.asString());
            assertEquals(before, rows.get(), route + " <- " + value + " changed the database");
        }));
    }
}
