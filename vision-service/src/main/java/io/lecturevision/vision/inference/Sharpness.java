package io.lecturevision.vision.inference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

import java.util.List;

/**
 * Sharpness as the variance of the Laplacian of the grey image (OpenCV's weights and 3×3 kernel),
 * computed by TensorFlow from the encoded bytes: decode, grey, convolve, variance.
 */
@ApplicationScoped
public class Sharpness {

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TString> encoded;
    private final Operand<TFloat32> variance;

    public Sharpness(TensorFlowDevice device) {
        Ops tf = Ops.create(graph);
        encoded = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        // Decoding runs on the CPU whatever the device (TensorFlow has no GPU image decoder).
        Operand<TFloat32> rgb = tf.expandDims(tf.dtypes.cast(
                tf.image.decodeImage(encoded, org.tensorflow.types.TUint8.class, DecodeImage.channels(3L), DecodeImage.expandAnimations(false)),
                TFloat32.class), tf.constant(0));
        Ops onDevice = tf.withDevice(device.spec());
        Operand<TFloat32> grey = onDevice.nn.conv2d(rgb,
                onDevice.constant(Shape.of(1, 1, 3, 1), DataBuffers.of(new float[] {0.299f, 0.587f, 0.114f}, true, false)),
                List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TFloat32> laplacian = onDevice.nn.conv2d(grey,
                onDevice.constant(Shape.of(3, 3, 1, 1), DataBuffers.of(new float[] {0, 1, 0, 1, -4, 1, 0, 1, 0}, true, false)),
                List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<org.tensorflow.types.TInt32> all = onDevice.constant(new int[] {0, 1, 2, 3});
        variance = onDevice.math.mean(onDevice.math.squaredDifference(laplacian, onDevice.math.mean(laplacian, all)), all);
        session = new Session(graph, device.sessionConfig());
    }

    /** The variance of the Laplacian of an encoded JPEG or PNG (whose size the caller has checked). */
    public double of(byte[] image) {
        try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(image));
             var result = session.runner().feed(encoded, input).fetch(variance).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @PreDestroy
    void close() {
        session.close();
        graph.close();
    }
}
