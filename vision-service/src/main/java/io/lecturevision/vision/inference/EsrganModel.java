package io.lecturevision.vision.inference;

import com.fasterxml.jackson.databind.JsonNode;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ESRGAN upscaler rebuilt with TF Java ops from the Keras topology of a TFJS layers model
 * (TF Java cannot load that format). Takes and returns RGB pixels in [0, 255]; the model's own
 * range (255 for RDN, 1 for RRDN) is applied inside the graph.
 */
public final class EsrganModel implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;
    private final int scale;

    private EsrganModel(Graph graph, Session session, Placeholder<TFloat32> input, Operand<TFloat32> output, int scale) {
        this.graph = graph;
        this.session = session;
        this.input = input;
        this.output = output;
        this.scale = scale;
    }

    /**
     * @param pixelRange what the model takes for white: 255 (slim, medium) or 1 (thick)
     * @throws IllegalArgumentException naming the first layer this builder does not know
     */
    public static EsrganModel build(TfjsLayersModel model, float pixelRange, int scale, DeviceSpec device,
                                    ConfigProto sessionConfig) {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph).withDevice(device);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
            Map<String, Operand<TFloat32>> outputs = new HashMap<>();
            for (TfjsLayersModel.Layer layer : model.layers()) {
                List<Operand<TFloat32>> in = new ArrayList<>();
                for (String name : layer.inbound()) {
                    in.add(outputs.get(name));
                }
                Operand<TFloat32> out = layer.className().equals("InputLayer")
                        ? tf.math.mul(input, tf.constant(pixelRange / 255f))
                        : apply(tf, layer, in, model.weights());
                outputs.put(layer.name(), out);
            }
            if (model.outputs().size() != 1) {
                throw new IllegalArgumentException("expected one output, the model has " + model.outputs());
            }
            Operand<TFloat32> result = tf.clipByValue(
                    tf.math.mul(outputs.get(model.outputs().get(0)), tf.constant(255f / pixelRange)),
                    tf.constant(0f), tf.constant(255f));
            return new EsrganModel(graph, new Session(graph, sessionConfig), input, result, scale);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private static Operand<TFloat32> apply(Ops tf, TfjsLayersModel.Layer layer, List<Operand<TFloat32>> in,
                                           Map<String, TfjsLayersModel.Weight> weights) {
        JsonNode config = layer.config();
        return switch (layer.className()) {
            case "Conv2D" -> conv2d(tf, layer, in.get(0), weights);
            case "Activation" -> activation(tf, layer, config.path("activation").asText(), in.get(0));
            case "Concatenate" -> {
                int axis = config.path("axis").asInt(-1);
                if (axis != 3 && axis != -1) {
                    throw unsupported(layer, "axis " + axis);
                }
                yield tf.concat(in, tf.constant(3));
            }
            case "Add" -> {
                Operand<TFloat32> sum = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    sum = tf.math.add(sum, in.get(i));
                }
                yield sum;
            }
            case "UpSampling2D" -> {
                JsonNode size = config.path("size");
                int factor = size.get(0).asInt();
                if (size.get(1).asInt() != factor || !"nearest".equals(config.path("interpolation").asText("nearest"))) {
                    throw unsupported(layer, "size " + size + " " + config.path("interpolation"));
                }
                // Nearest-neighbour upsampling: every pixel's channels repeated factor² times, then
                // laid out as a factor × factor block.
                yield tf.nn.depthToSpace(tf.concat(Collections.nCopies(factor * factor, in.get(0)), tf.constant(3)),
                        (long) factor);
            }
            case "MultiplyBeta" -> tf.math.mul(in.get(0), tf.constant((float) config.path("beta").asDouble(0.2)));
            default -> {
                if (layer.className().matches("PixelShuffle\\d+x")) {
                    long factor = Long.parseLong(layer.className().replaceAll("\\D", ""));
                    yield tf.nn.depthToSpace(in.get(0), factor);
                }
                throw unsupported(layer, "layer type");
            }
        };
    }

    private static Operand<TFloat32> conv2d(Ops tf, TfjsLayersModel.Layer layer, Operand<TFloat32> in,
                                            Map<String, TfjsLayersModel.Weight> weights) {
        JsonNode config = layer.config();
        for (String key : List.of("strides", "dilation_rate")) {
            JsonNode pair = config.path(key);
            if (!pair.isMissingNode() && (pair.get(0).asInt() != 1 || pair.get(1).asInt() != 1)) {
                throw unsupported(layer, key + " " + pair);
            }
        }
        String padding = config.path("padding").asText().toUpperCase(java.util.Locale.ROOT);
        if (!Set.of("SAME", "VALID").contains(padding)) {
            throw unsupported(layer, "padding " + padding);
        }
        Operand<TFloat32> out = tf.nn.conv2d(in, constant(tf, layer, weights, "kernel"), List.of(1L, 1L, 1L, 1L), padding);
        if (config.path("use_bias").asBoolean(true)) {
            out = tf.nn.biasAdd(out, constant(tf, layer, weights, "bias"));
        }
        return activation(tf, layer, config.path("activation").asText("linear"), out);
    }

    private static Operand<TFloat32> activation(Ops tf, TfjsLayersModel.Layer layer, String activation,
                                                Operand<TFloat32> in) {
        return switch (activation) {
            case "linear" -> in;
            case "relu" -> tf.nn.relu(in);
            default -> throw unsupported(layer, "activation " + activation);
        };
    }

    private static Operand<TFloat32> constant(Ops tf, TfjsLayersModel.Layer layer,
                                              Map<String, TfjsLayersModel.Weight> weights, String kind) {
        TfjsLayersModel.Weight weight = weights.get(layer.name() + "/" + kind);
        if (weight == null) {
            throw new IllegalArgumentException("layer " + layer.name() + " has no " + kind + " in the weights manifest");
        }
        return tf.constant(Shape.of(weight.shape()), DataBuffers.of(weight.values(), true, false));
    }

    private static IllegalArgumentException unsupported(TfjsLayersModel.Layer layer, String what) {
        return new IllegalArgumentException("unsupported " + what + " in layer " + layer.name() + " ("
                + layer.className() + ")");
    }

    public int scale() {
        return scale;
    }

    public Session session() {
        return session;
    }

    /** Upscales one RGB tile ({@code height × width × 3} values in [0, 255], row-major). */
    public float[] run(float[] rgb, int width, int height) {
        try (TFloat32 tile = TFloat32.tensorOf(Shape.of(1, height, width, 3), DataBuffers.of(rgb, true, false));
             var result = session.runner().feed(input, tile).fetch(output).run()) {
            TFloat32 out = (TFloat32) result.get(0);
            float[] values = new float[Math.toIntExact(out.shape().size())];
            out.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }

    /** Runs one tile with a full trace and returns the devices TensorFlow placed the ops on. */
    public Set<String> placedDevices(int edge) {
        float[] rgb = new float[edge * edge * 3];
        org.tensorflow.proto.RunOptions trace = org.tensorflow.proto.RunOptions.newBuilder()
                .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build();
        try (TFloat32 tile = TFloat32.tensorOf(Shape.of(1, edge, edge, 3), DataBuffers.of(rgb, true, false));
             var result = session.runner().feed(input, tile).fetch(output).setOptions(trace).runAndFetchMetadata()) {
            Set<String> devices = new java.util.TreeSet<>();
            result.getMetadata().ifPresent(metadata -> metadata.getStepStats().getDevStatsList()
                    .forEach(stats -> devices.add(stats.getDevice())));
            return devices;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
