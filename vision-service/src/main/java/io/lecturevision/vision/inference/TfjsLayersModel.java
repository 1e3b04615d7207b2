package io.lecturevision.vision.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow.js <em>layers</em> model as shipped on npm: the Keras functional topology of
 * {@code model.json} and its float32 weights, read from the shards in manifest order.
 */
public record TfjsLayersModel(List<Layer> layers, List<String> inputs, List<String> outputs,
                              Map<String, Weight> weights) {

    public record Layer(String name, String className, JsonNode config, List<String> inbound) {
    }

    public record Weight(long[] shape, float[] values) {
    }

    public static TfjsLayersModel read(Path modelJson, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(modelJson.toFile());
        if (!"layers-model".equals(root.path("format").asText())) {
            throw new IOException(modelJson + " is not a TFJS layers model (format " + root.path("format") + ")");
        }
        JsonNode config = root.path("modelTopology").path("model_config").path("config");
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : config.path("layers")) {
            List<String> inbound = new ArrayList<>();
            for (JsonNode node : layer.path("inbound_nodes")) {
                for (JsonNode input : node) {
                    inbound.add(input.get(0).asText());
                }
            }
            layers.add(new Layer(layer.path("name").asText(), layer.path("class_name").asText(), layer.path("config"),
                    List.copyOf(inbound)));
        }
        return new TfjsLayersModel(List.copyOf(layers), names(config.path("input_layers")),
                names(config.path("output_layers")), weights(modelJson.getParent(), root.path("weightsManifest")));
    }

    private static List<String> names(JsonNode refs) {
        List<String> names = new ArrayList<>();
        refs.forEach(ref -> names.add(ref.get(0).asText()));
        return List.copyOf(names);
    }

    private static Map<String, Weight> weights(Path dir, JsonNode manifest) throws IOException {
        Map<String, Weight> weights = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer data = concatenate(dir, group.path("paths"));
            for (JsonNode spec : group.path("weights")) {
                if (!"float32".equals(spec.path("dtype").asText()) || spec.has("quantization")) {
                    throw new IOException("weight " + spec.path("name").asText() + ": only plain float32 is supported");
                }
                long[] shape = new long[spec.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = spec.path("shape").get(i).asLong();
                    count *= shape[i];
                }
                float[] values = new float[Math.toIntExact(count)];
                data.asFloatBuffer().get(values);
                data.position(data.position() + values.length * Float.BYTES);
                weights.put(spec.path("name").asText(), new Weight(shape, values));
            }
            if (data.hasRemaining()) {
                throw new IOException("weight shards of " + dir + " hold " + data.remaining() + " bytes no weight names");
            }
        }
        return weights;
    }

    private static ByteBuffer concatenate(Path dir, JsonNode paths) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode path : paths) {
            Path shard = dir.resolve(path.asText()).normalize();
            if (!shard.startsWith(dir)) {
                throw new IOException("weight shard " + path.asText() + " lies outside " + dir);
            }
            byte[] bytes = Files.readAllBytes(shard);
            parts.add(bytes);
            total += bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(buffer::put);
        return buffer.flip();
    }
}
