package io.lecturevision.common.event.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schemas under docs/events/ and docs/asyncapi.yaml are what the contract records say.
 * After changing a contract, regenerate them:
 * {@code ./mvnw -B verify -pl common -Dtest=ContractDocumentsTest -Dlv.contracts.write=true}.
 */
class ContractDocumentsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final boolean WRITE = Boolean.getBoolean("lv.contracts.write");

    @Test
    void everyPayloadHasItsCurrentJsonSchema() throws Exception {
        Set<String> expectedFiles = new HashSet<>();
        for (EventContract contract : Contracts.ALL) {
            String file = ContractDocuments.schemaFileName(contract);
            expectedFiles.add(file);
            check(DOCS.resolve("events").resolve(file), ContractDocuments.json(ContractDocuments.schema(contract)));
        }
        try (var files = Files.list(DOCS.resolve("events"))) {
            Set<String> present = new HashSet<>(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json")).toList());
            assertEquals(expectedFiles, present, "one schema per contract, none left over");
        }
    }

    @Test
    void asyncApiDocumentDescribesEveryTopic() throws Exception {
        String document = ContractDocuments.yaml(ContractDocuments.asyncApi(Contracts.ALL));
        check(DOCS.resolve("asyncapi.yaml"), document);
        for (EventContract contract : Contracts.ALL) {
            assertTrue(document.contains("address: " + contract.topic() + "\n"), contract.topic());
        }
    }

    @Test
    void everyTopicIsDeclaredOnceWithAProducer() {
        Set<String> topics = new HashSet<>();
        for (EventContract contract : Contracts.ALL) {
            assertTrue(topics.add(contract.topic()), "declared twice: " + contract.topic());
            assertTrue(contract.producer().endsWith("-service"), contract.topic());
            assertTrue(contract.payload().isRecord(), contract.topic());
        }
        assertEquals(Set.of("user.registered", "user.deleted", "user.sessions-revoked", "corporation.plan-changed", "corporation.deleted",
                "lecture-image.uploaded", "people.counted", "video.viewed", "points.granted", "audio.analysis-completed",
                "audio.analysis-failed"), topics);
    }

    private static void check(Path file, String generated) throws Exception {
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; run with -Dlv.contracts.write=true");
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
                file + " is stale; regenerate with -Dlv.contracts.write=true (see this test's javadoc)");
    }
}
