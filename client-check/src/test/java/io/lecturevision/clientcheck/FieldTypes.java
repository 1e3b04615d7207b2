package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** The field types of the examples' {@code fields:}, as the seeds name them (FastAPI/OpenAPI types). */
final class FieldTypes {

    private FieldTypes() {
    }

    /** Each named field is present with its type; {@code fields} maps a dotted path to a type. */
    static void check(JsonNode json, JsonNode fields, String context) {
        if (!json.isObject()) {
            throw new AssertionError("expected a JSON object, got " + json + " — " + context);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = at(json, field.getKey());
            if (value.isMissingNode()) {
                throw new AssertionError("field " + field.getKey() + " missing — " + context);
            }
            if (!matches(field.getValue().asText(), value)) {
                throw new AssertionError("field " + field.getKey() + " = " + value + " is not " + field.getValue().asText()
                        + " — " + context);
            }
        }
    }

    static boolean matches(String type, JsonNode value) {
        if (type.endsWith("?")) {
            return value.isNull() || matches(type.substring(0, type.length() - 1), value);
        }
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "any" -> !value.isMissingNode();
            case "uuid" -> value.isTextual() && isUuid(value.asText());
            case "date-time" -> value.isTextual() && isDateTime(value.asText());
            case "validation-errors" -> isValidationErrors(value);
            default -> throw new IllegalArgumentException("unknown field type " + type);
        };
    }

    /** A header value read as JSON where it is a number, else as a string. */
    static JsonNode scalar(String text) {
        try {
            JsonNode number = Edge.JSON.readTree(text);
            return number.isNumber() ? number : TextNode.valueOf(text);
        } catch (Exception e) {
            return TextNode.valueOf(text);
        }
    }

    /** The node at a dotted path ({@code detail.0.loc}); missing when any step is absent. */
    static JsonNode at(JsonNode json, String path) {
        JsonNode node = json;
        for (String step : path.split("\\.")) {
            if (node == null || node.isMissingNode()) {
                return MissingNode.getInstance();
            }
            node = node.isArray() && step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** FastAPI's HTTPValidationError detail: a non-empty list of {loc: [string|integer], msg, type}. */
    private static boolean isValidationErrors(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode error : value) {
            if (!error.path("loc").isArray() || error.path("loc").isEmpty() || !error.path("msg").isTextual()
                    || !error.path("type").isTextual()) {
                return false;
            }
            for (JsonNode step : error.path("loc")) {
                if (!step.isTextual() && !step.isIntegralNumber()) {
                    return false;
                }
            }
        }
        return true;
    }
}
