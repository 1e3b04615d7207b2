package io.lecturevision.vision.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a TensorFlow.js <em>graph</em> model ({@code model.json} + weight shards) into a GraphDef that
 * TF Java imports: constants get their values (fp16-quantised ones dequantised to float32), the
 * TFJS-only {@code FusedDepthwiseConv2dNative} becomes DepthwiseConv2dNative + BiasAdd + activation,
 * {@code _FusedConv2D} gets the {@code TArgs} attribute TFJS leaves out, and device pins are dropped.
 */
public final class TfjsGraphConverter {

    private TfjsGraphConverter() {
    }

    public static GraphDef convert(Path modelJson, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(modelJson.toFile());
        if (!"graph-model".equals(root.path("format").asText())) {
            throw new IOException(modelJson + " is not a TFJS graph model (format " + root.path("format") + ")");
        }
        Map<String, TensorProto> constants = weights(modelJson.getParent(), root.path("weightsManifest"));
        GraphDef.Builder graph = GraphDef.newBuilder();
        for (JsonNode node : root.path("modelTopology").path("node")) {
            NodeDef.Builder def = NodeDef.newBuilder().setName(node.path("name").asText()).setOp(node.path("op").asText());
            node.path("input").forEach(input -> def.addInput(input.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("attr").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attr = it.next();
                def.putAttr(attr.getKey(), attrValue(attr.getValue()));
            }
            switch (def.getOp()) {
                case "Const" -> {
                    TensorProto value = constants.get(def.getName());
                    if (value == null) {
                        throw new IOException("constant " + def.getName() + " has no weights");
                    }
                    def.putAttr("value", AttrValue.newBuilder().setTensor(value).build());
                    graph.addNode(def);
                }
                case "_FusedConv2D" -> graph.addNode(withTArgs(def));
                case "FusedDepthwiseConv2dNative" -> splitDepthwise(def, graph);
                default -> graph.addNode(def);
            }
        }
        return graph.build();
    }

    private static NodeDef.Builder withTArgs(NodeDef.Builder def) {
        AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
        long args = def.getAttrOrThrow("num_args").getI();
        for (int i = 0; i < args; i++) {
            types.addType(def.getAttrOrThrow("T").getType());
        }
        return def.putAttr("TArgs", AttrValue.newBuilder().setList(types).build());
    }

    /** name → name/depthwise (DepthwiseConv2dNative) → name/bias (BiasAdd) → name (activation), or BiasAdd as name. */
    private static void splitDepthwise(NodeDef.Builder fused, GraphDef.Builder graph) throws IOException {
        List<String> ops = fused.getAttrOrThrow("fused_ops").getList().getSList().stream().map(ByteString::toStringUtf8).toList();
        if (ops.isEmpty() || !ops.get(0).equals("BiasAdd") || ops.size() > 2 || fused.getInputCount() != 3) {
            throw new IOException("unsupported FusedDepthwiseConv2dNative " + fused.getName() + ": " + ops);
        }
        String name = fused.getName();
        NodeDef.Builder depthwise = NodeDef.newBuilder().setName(name + "/depthwise").setOp("DepthwiseConv2dNative")
                .addInput(fused.getInput(0)).addInput(fused.getInput(1));
        for (String attr : List.of("T", "strides", "padding", "dilations", "data_format", "explicit_paddings")) {
            if (fused.containsAttr(attr)) {
                depthwise.putAttr(attr, fused.getAttrOrThrow(attr));
            }
        }
        graph.addNode(depthwise);
        String biasName = ops.size() == 1 ? name : name + "/bias";
        graph.addNode(NodeDef.newBuilder().setName(biasName).setOp("BiasAdd").addInput(depthwise.getName())
                .addInput(fused.getInput(2)).putAttr("T", fused.getAttrOrThrow("T"))
                .putAttr("data_format", fused.getAttrOrThrow("data_format")));
        if (ops.size() == 2) {
            if (!List.of("Relu", "Relu6").contains(ops.get(1))) {
                throw new IOException("unsupported activation " + ops.get(1) + " in " + name);
            }
            graph.addNode(NodeDef.newBuilder().setName(name).setOp(ops.get(1)).addInput(biasName)
                    .putAttr("T", fused.getAttrOrThrow("T")));
        }
    }

    private static AttrValue attrValue(JsonNode json) throws IOException {
        AttrValue.Builder value = AttrValue.newBuilder();
        if (json.has("s")) {
            value.setS(ByteString.copyFrom(Base64.getDecoder().decode(json.get("s").asText())));
        } else if (json.has("i")) {
            value.setI(json.get("i").asLong());
        } else if (json.has("f")) {
            value.setF((float) json.get("f").asDouble());
        } else if (json.has("b")) {
            value.setB(json.get("b").asBoolean());
        } else if (json.has("type")) {
            value.setType(DataType.valueOf(json.get("type").asText()));
        } else if (json.has("shape")) {
            value.setShape(shape(json.get("shape")));
        } else if (json.has("tensor")) {
            value.setTensor(TensorProto.newBuilder().setDtype(DataType.valueOf(json.get("tensor").path("dtype").asText()))
                    .setTensorShape(shape(json.get("tensor").path("tensorShape"))));
        } else if (json.has("list")) {
            JsonNode list = json.get("list");
            AttrValue.ListValue.Builder items = AttrValue.ListValue.newBuilder();
            list.path("i").forEach(i -> items.addI(i.asLong()));
            list.path("f").forEach(f -> items.addF((float) f.asDouble()));
            list.path("b").forEach(b -> items.addB(b.asBoolean()));
            list.path("s").forEach(s -> items.addS(ByteString.copyFrom(Base64.getDecoder().decode(s.asText()))));
            list.path("type").forEach(t -> items.addType(DataType.valueOf(t.asText())));
            for (JsonNode s : list.path("shape")) {
                items.addShape(shape(s));
            }
            value.setList(items);
        } else {
            throw new IOException("unsupported attribute value " + json);
        }
        return value.build();
    }

    private static TensorShapeProto shape(JsonNode json) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (json.path("unknownRank").asBoolean(false)) {
            return shape.setUnknownRank(true).build();
        }
        json.path("dim").forEach(dim -> shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim.path("size").asLong())));
        return shape.build();
    }

    private static Map<String, TensorProto> weights(Path dir, JsonNode manifest) throws IOException {
        Map<String, TensorProto> weights = new HashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer data = shards(dir, group.path("paths"));
            for (JsonNode spec : group.path("weights")) {
                TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
                long count = 1;
                for (JsonNode dim : spec.path("shape")) {
                    shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim.asLong()));
                    count *= dim.asLong();
                }
                String dtype = spec.path("dtype").asText();
                String stored = spec.path("quantization").path("dtype").asText(dtype);
                ByteBuffer values = ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
                DataType type;
                if (dtype.equals("float32") && stored.equals("float16")) {
                    for (long i = 0; i < count; i++) {
                        values.putFloat(halfToFloat(data.getShort()));
                    }
                    type = DataType.DT_FLOAT;
                } else if (dtype.equals(stored) && (dtype.equals("float32") || dtype.equals("int32"))) {
                    for (long i = 0; i < count; i++) {
                        values.putInt(data.getInt());
                    }
                    type = dtype.equals("float32") ? DataType.DT_FLOAT : DataType.DT_INT32;
                } else {
                    throw new IOException("weight " + spec.path("name").asText() + ": " + dtype + " stored as " + stored
                            + " is not supported");
                }
                weights.put(spec.path("name").asText(), TensorProto.newBuilder().setDtype(type).setTensorShape(shape)
                        .setTensorContent(ByteString.copyFrom(values.flip())).build());
            }
        }
        return weights;
    }

    private static ByteBuffer shards(Path dir, JsonNode paths) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (JsonNode path : paths) {
            Path shard = dir.resolve(path.asText()).normalize();
            if (!shard.startsWith(dir)) {
                throw new IOException("weight shard " + path.asText() + " lies outside " + dir);
            }
            all.write(Files.readAllBytes(shard));
        }
        return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mantissa / 1024f / 16384f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
