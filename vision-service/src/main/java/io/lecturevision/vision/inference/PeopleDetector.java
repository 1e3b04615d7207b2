package io.lecturevision.vision.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.vision.config.VisionConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Counts people with the CenterNet detector (COCO, MobileNetV3) of {@code @vladmandic/human}, converted
 * once at start from its TFJS graph. Small, distant people need more pixels than a 512² view of a
 * whole classroom gives them: the image is also cut into overlapping tiles, and the detections of the
 * whole image and of every tile are merged by non-maximum suppression.
 */
@ApplicationScoped
@Startup
public class PeopleDetector {

    public static final String MODEL = "centernet-mbv3@human-3.3.6";
    private static final Logger LOG = Logger.getLogger(PeopleDetector.class);
    private static final int INPUT = 512;
    private static final int PERSON = 0;

    public record Detection(float x1, float y1, float x2, float y2, float score) {
        float area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }
    }

    public record Count(int count, List<Detection> people, long inferenceMs) {
    }

    private final VisionConfig.People config;
    private final Graph graph;
    private final Session session;
    private final String unavailable;

    public PeopleDetector(VisionConfig config, ObjectMapper mapper) throws IOException {
        this.config = config.people();
        Path json = config.modelsDir().resolve("human/models/centernet.json");
        if (!Files.isRegularFile(json)) {
            unavailable = json + " is missing: run " + Upscaler.SETUP_COMMAND;
            LOG.errorf("People counting unavailable: %s", unavailable);
            graph = null;
            session = null;
            return;
        }
        long started = System.nanoTime();
        graph = new Graph();
        // The converted graph carries no device pins: TensorFlow puts it on the GPU when it has one.
        graph.importGraphDef(TfjsGraphConverter.convert(json, mapper));
        session = new Session(graph);
        unavailable = null;
        LOG.infof("People detector %s converted and loaded in %d ms", MODEL, (System.nanoTime() - started) / 1_000_000);
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    public Count count(BufferedImage image) {
        if (session == null) {
            throw new IllegalStateException("people counting unavailable: " + unavailable);
        }
        long started = System.nanoTime();
        List<Detection> all = new ArrayList<>(detect(image, 0, 0, image.getWidth(), image.getHeight()));
        int grid = config.tileGrid();
        if (grid > 1 && Math.max(image.getWidth(), image.getHeight()) > INPUT) {
            int tileWidth = (int) Math.ceil(image.getWidth() / (double) grid * (1 + config.tileOverlap()));
            int tileHeight = (int) Math.ceil(image.getHeight() / (double) grid * (1 + config.tileOverlap()));
            for (int row = 0; row < grid; row++) {
                for (int column = 0; column < grid; column++) {
                    int x = (int) Math.round((image.getWidth() - tileWidth) * column / (double) (grid - 1));
                    int y = (int) Math.round((image.getHeight() - tileHeight) * row / (double) (grid - 1));
                    all.addAll(detect(image, x, y, tileWidth, tileHeight));
                }
            }
        }
        List<Detection> people = suppress(all);
        return new Count(people.size(), people, (System.nanoTime() - started) / 1_000_000);
    }

    private List<Detection> detect(BufferedImage image, int x, int y, int width, int height) {
        BufferedImage view = new BufferedImage(INPUT, INPUT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = view.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, INPUT, INPUT, x, y, x + width, y + height, null);
        } finally {
            g.dispose();
        }
        // The view's own pixels: getRGB converts each one through the colour model, a call per pixel
        // (measured here for the 5 views of a count: 5 s interpreted, 0.3 s just compiled, 13-40 ms warm).
        int[] argb = ((DataBufferInt) view.getRaster().getDataBuffer()).getData();
        float[] rgb = new float[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (argb[i] >> 16) & 0xFF;
            rgb[i * 3 + 1] = (argb[i] >> 8) & 0xFF;
            rgb[i * 3 + 2] = argb[i] & 0xFF;
        }
        float sx = width / (float) INPUT;
        float sy = height / (float) INPUT;
        List<Detection> people = new ArrayList<>();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(1, INPUT, INPUT, 3), DataBuffers.of(rgb, true, false));
             var result = session.runner().feed("tower_0/images", input).fetch("tower_0/detections").run()) {
            TFloat32 detections = (TFloat32) result.get(0);
            long count = detections.shape().get(1);
            for (long i = 0; i < count; i++) {
                float score = detections.getFloat(0, i, 4);
                if (Math.round(detections.getFloat(0, i, 5)) != PERSON || score < config.minScore()) {
                    continue;
                }
                Detection person = new Detection(x + detections.getFloat(0, i, 0) * sx,
                        y + detections.getFloat(0, i, 1) * sy, x + detections.getFloat(0, i, 2) * sx,
                        y + detections.getFloat(0, i, 3) * sy, score);
                if (!cutByTileEdge(person, image, x, y, width, height)) {
                    people.add(person);
                }
            }
        }
        return people;
    }

    /**
     * Whether a box touches an edge of the tile that lies inside the image: that person is cut, and
     * is seen whole in a neighbouring tile or in the whole image.
     */
    private boolean cutByTileEdge(Detection box, BufferedImage image, int x, int y, int width, int height) {
        float marginX = (float) (width * config.tileEdgeMargin());
        float marginY = (float) (height * config.tileEdgeMargin());
        return (x > 0 && box.x1() < x + marginX)
                || (y > 0 && box.y1() < y + marginY)
                || (x + width < image.getWidth() && box.x2() > x + width - marginX)
                || (y + height < image.getHeight() && box.y2() > y + height - marginY);
    }

    /**
     * Greedy non-maximum suppression; a box mostly inside a better one (a person cut by a tile edge)
     * is dropped too.
     */
    private List<Detection> suppress(List<Detection> detections) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            boolean overlaps = false;
            for (Detection better : kept) {
                float ix = Math.max(0, Math.min(candidate.x2(), better.x2()) - Math.max(candidate.x1(), better.x1()));
                float iy = Math.max(0, Math.min(candidate.y2(), better.y2()) - Math.max(candidate.y1(), better.y1()));
                float intersection = ix * iy;
                float union = candidate.area() + better.area() - intersection;
                if (intersection / union > config.iouThreshold()
                        || intersection / Math.min(candidate.area(), better.area()) > config.containment()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    @PreDestroy
    void close() {
        if (session != null) {
            session.close();
            graph.close();
        }
    }
}
