package io.lecturevision.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Objects rendered by {@code kubectl kustomize k8s/overlays/<overlay>}, and YAML reading. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            Repository.requireTool("kubectl", "the build machines' image has it at /usr/bin/kubectl "
                    + "(kubectl 1.32 with kustomize 5.5 renders offline); install kubectl to run this check");
            return parse(Repository.runOrFail(List.of("kubectl", "kustomize", "k8s/overlays/" + o)));
        });
    }

    static List<JsonNode> parse(String yaml) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static Optional<JsonNode> named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Whether every label of the selector is on the labels. */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels == null || matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
