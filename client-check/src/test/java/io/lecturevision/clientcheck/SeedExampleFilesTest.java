package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example files are well formed and the type checks reject what they should (no suite needed). */
class SeedExampleFilesTest {

    private static final Set<String> EXAMPLE_KEYS = Set.of("name", "source", "differs", "request", "expect", "poll", "capture");

    @Test
    void everyExampleNamesItsSourceARequestAndAStatus() throws Exception {
        for (String seed : SeedExamplesTest.SEEDS) {
            JsonNode file = SeedExamplesTest.load(seed);
            assertFalse(file.path("title").asText().isBlank(), seed + " has a title");
            assertTrue(file.path("examples").size() > 0, seed + " has examples");
            for (String list : new String[] {"setup", "examples"}) {
                for (JsonNode example : file.path(list)) {
                    String where = seed + " / " + example.path("name").asText();
                    for (Iterator<String> keys = example.fieldNames(); keys.hasNext(); ) {
                        String key = keys.next();
                        assertTrue(EXAMPLE_KEYS.contains(key), where + ": unknown key " + key);
                    }
                    assertFalse(example.path("name").asText().isBlank(), seed + ": an example without a name");
                    assertFalse(example.path("source").asText().isBlank(), where + " names its source in the seed");
                    assertTrue(example.path("request").path("path").asText().startsWith("/"), where + " has a path");
                    assertTrue(example.path("expect").path("status").isInt(), where + " expects a status");
                    if (example.has("differs")) {
                        assertFalse(example.path("differs").asText().isBlank(), where + " says how it differs");
                    }
                    for (String types : new String[] {"fields", "header_types"}) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = example.path("expect").path(types).fields(); it.hasNext(); ) {
                            String type = it.next().getValue().asText();
                            FieldTypes.matches(type, NullNode.getInstance());   // throws on an unknown type
                        }
                    }
                }
            }
        }
    }

    @Test
    void typesAcceptTheirValuesAndRejectOthers() {
        assertTrue(FieldTypes.matches("integer", IntNode.valueOf(3)));
        assertFalse(FieldTypes.matches("integer", TextNode.valueOf("3")));
        assertTrue(FieldTypes.matches("uuid", TextNode.valueOf("550e8400-e29b-41d4-a716-446655440000")));
        assertFalse(FieldTypes.matches("uuid", TextNode.valueOf("1")));
        assertTrue(FieldTypes.matches("date-time", TextNode.valueOf("2019-08-24T14:15:22Z")));
        assertFalse(FieldTypes.matches("date-time", TextNode.valueOf("2019-08-24")));
        assertFalse(FieldTypes.matches("string", NullNode.getInstance()));
        assertTrue(FieldTypes.matches("string?", NullNode.getInstance()));
        assertFalse(FieldTypes.matches("boolean", TextNode.valueOf("true")));
        assertTrue(FieldTypes.matches("boolean", BooleanNode.TRUE));
        assertTrue(FieldTypes.matches("number", FieldTypes.scalar("0.0234")));
        assertTrue(FieldTypes.matches("validation-errors",
                Edge.JSON.createArrayNode().add(Edge.JSON.createObjectNode().put("msg", "Field required").put("type", "missing")
                        .set("loc", Edge.JSON.createArrayNode().add("body").add("username")))));
        assertFalse(FieldTypes.matches("validation-errors", TextNode.valueOf("Not Found")));
        assertThrows(IllegalArgumentException.class, () -> FieldTypes.matches("text", TextNode.valueOf("x")));
    }
}
