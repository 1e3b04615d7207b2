package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every request/response example documented in seeds 000–004 ({@code src/test/resources/seed-examples/seed-00N.yaml},
 * each example naming where in the seed it comes from), replayed through the running edge over HTTP/1.1 as the
 * originals' clients send them; status codes, field names and types are checked. Where the suite deliberately
 * differs from a seed (README, "Differences from the originals") the example applies that difference and says so
 * in its {@code differs} line. Examples of one seed run in order: later ones use what earlier ones returned.
 */
class SeedExamplesTest {

    static final List<String> SEEDS = List.of("seed-000", "seed-001", "seed-002", "seed-003", "seed-004");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicNode> seedExamples() throws Exception {
        Edge edge = new Edge();
        ExampleRun run = new ExampleRun(edge, Edge.runId());
        List<DynamicNode> seeds = new ArrayList<>();
        for (String seed : SEEDS) {
            JsonNode file = load(seed);
            ExampleRun.SeedContext context = run.seed(seed);
            List<DynamicTest> steps = new ArrayList<>();
            for (JsonNode setup : file.path("setup")) {
                steps.add(DynamicTest.dynamicTest("setup: " + setup.path("name").asText(), () -> context.run(setup)));
            }
            for (JsonNode example : file.path("examples")) {
                steps.add(DynamicTest.dynamicTest(example.path("name").asText(), () -> context.run(example)));
            }
            seeds.add(DynamicContainer.dynamicContainer(seed + ": " + file.path("title").asText(), steps.stream()));
        }
        return seeds.stream();
    }

    static JsonNode load(String seed) throws Exception {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed-examples/" + seed + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("seed-examples/" + seed + ".yaml missing");
            }
            return YAML.readTree(in);
        }
    }
}
