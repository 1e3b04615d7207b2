package io.lecturevision.vision.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.vision.config.VisionConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.tensorflow.exceptions.TFResourceExhaustedException;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upscales images with the ESRGAN models, each built once when the service starts, tile by tile:
 * every tile is run with {@code tileOverlap} pixels of context on each side and only its centre is
 * kept, so tiles meet without seams; a tile that runs out of memory is redone with smaller ones.
 */
@ApplicationScoped
@Startup
public class Upscaler {

    public static final String SETUP_COMMAND = "vision-service/models/fetch (or infra/suite infra)";
    /** The smallest tile an out-of-memory retry goes down to. */
    public static final int MIN_TILE_SIZE = 32;
    private static final Logger LOG = Logger.getLogger(Upscaler.class);

    private final VisionConfig.Upscale config;
    private final Map<UpscaleModel, EsrganModel> models = new EnumMap<>(UpscaleModel.class);
    private final Map<UpscaleModel, String> unavailable = new EnumMap<>(UpscaleModel.class);

    public Upscaler(VisionConfig config, TensorFlowDevice device, ObjectMapper mapper) throws IOException {
        this.config = config.upscale();
        int scale = this.config.scale();
        for (String id : this.config.models()) {
            UpscaleModel model = UpscaleModel.byId(id.trim()).filter(m -> m != UpscaleModel.BICUBIC)
                    .orElseThrow(() -> new IllegalArgumentException("lv.vision.upscale.models: unknown model " + id));
            Path json = config.modelsDir().resolve(model.packageDir().orElseThrow()).resolve("models/x" + scale + "/model.json");
            if (!Files.isRegularFile(json)) {
                String reason = json + " is missing: run " + SETUP_COMMAND;
                unavailable.put(model, reason);
                LOG.errorf("Model %s unavailable: %s", model.id(), reason);
                continue;
            }
            long started = System.nanoTime();
            EsrganModel built = EsrganModel.build(TfjsLayersModel.read(json, mapper), model.pixelRange(), scale,
                    device.spec(), device.sessionConfig());
            models.put(model, built);
            String placed = String.join(", ", built.placedDevices(16));
            device.placementMeasured(placed);
            LOG.infof("Model %s x%d built in %d ms; TensorFlow placed its ops on %s", model.id(), scale,
                    (System.nanoTime() - started) / 1_000_000, placed);
        }
    }

    /** Why a model cannot run, empty when it can. */
    public Optional<String> unavailableReason(UpscaleModel model) {
        if (model == UpscaleModel.BICUBIC || models.containsKey(model)) {
            return Optional.empty();
        }
        return Optional.of(unavailable.getOrDefault(model, model.id() + " is not in lv.vision.upscale.models"));
    }

    public Map<UpscaleModel, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    public int scale() {
        return config.scale();
    }

    public BufferedImage upscale(BufferedImage image, UpscaleModel model) {
        return upscale(image, model, config.tileSize(), config.tileOverlap());
    }

    public BufferedImage upscale(BufferedImage image, UpscaleModel model, int tileSize, int overlap) {
        if (model == UpscaleModel.BICUBIC) {
            return bicubic(image, config.scale());
        }
        EsrganModel esrgan = models.get(model);
        if (esrgan == null) {
            throw new IllegalStateException("model " + model.id() + " unavailable: " + unavailableReason(model).orElse(""));
        }
        return upscale(image, esrgan::run, esrgan.scale(), tileSize, overlap);
    }

    /**
     * Upscales {@code image} tile by tile with {@code runner}. A tile that runs out of memory (the
     * Java heap or TensorFlow's allocator) is redone as four tiles half as large, down to
     * {@link #MIN_TILE_SIZE}; each keeps its {@code overlap} of context, so the result is the same.
     */
    public static BufferedImage upscale(BufferedImage image, TileRunner runner, int scale, int tileSize, int overlap) {
        BufferedImage result = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale,
                BufferedImage.TYPE_INT_RGB);
        upscaleRegion(image, result, runner, scale, 0, 0, image.getWidth(), image.getHeight(), tileSize, overlap);
        return result;
    }

    private static void upscaleRegion(BufferedImage image, BufferedImage result, TileRunner runner, int scale,
                                      int regionX, int regionY, int regionWidth, int regionHeight, int tileSize,
                                      int overlap) {
        for (int y0 = regionY; y0 < regionY + regionHeight; y0 += tileSize) {
            for (int x0 = regionX; x0 < regionX + regionWidth; x0 += tileSize) {
                int cellWidth = Math.min(tileSize, regionX + regionWidth - x0);
                int cellHeight = Math.min(tileSize, regionY + regionHeight - y0);
                try {
                    upscaleCell(image, result, runner, scale, x0, y0, cellWidth, cellHeight, overlap);
                } catch (OutOfMemoryError | TFResourceExhaustedException e) {
                    int smaller = tileSize / 2;
                    if (smaller < MIN_TILE_SIZE) {
                        throw e;
                    }
                    LOG.warnf("Out of memory on a %d-pixel tile at (%d, %d): redoing it with %d-pixel tiles (%s)",
                            tileSize, x0, y0, smaller, e.getMessage());
                    upscaleRegion(image, result, runner, scale, x0, y0, cellWidth, cellHeight, smaller, overlap);
                }
            }
        }
    }

    /** Runs the cell with its context and pastes the upscaled cell, without the context, into {@code result}. */
    private static void upscaleCell(BufferedImage image, BufferedImage result, TileRunner runner, int scale,
                                    int x0, int y0, int cellWidth, int cellHeight, int overlap) {
        int left = Math.max(0, x0 - overlap);
        int top = Math.max(0, y0 - overlap);
        int right = Math.min(image.getWidth(), x0 + cellWidth + overlap);
        int bottom = Math.min(image.getHeight(), y0 + cellHeight + overlap);
        int tileWidth = right - left;
        int tileHeight = bottom - top;
        float[] out = runner.run(rgb(image, left, top, tileWidth, tileHeight), tileWidth, tileHeight);
        int keepWidth = cellWidth * scale;
        int keepHeight = cellHeight * scale;
        int offsetX = (x0 - left) * scale;
        int offsetY = (y0 - top) * scale;
        int outWidth = tileWidth * scale;
        // The result is TYPE_INT_RGB: its pixels are written straight into its int array (setRGB
        // would convert each one through the colour model: ~0.4 s per 4K result here).
        int[] target = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
        int resultWidth = result.getWidth();
        for (int y = 0; y < keepHeight; y++) {
            int base = ((offsetY + y) * outWidth + offsetX) * 3;
            int row = (y0 * scale + y) * resultWidth + x0 * scale;
            for (int x = 0; x < keepWidth; x++) {
                int i = base + x * 3;
                target[row + x] = Math.round(out[i]) << 16 | Math.round(out[i + 1]) << 8 | Math.round(out[i + 2]);
            }
        }
    }

    private static float[] rgb(BufferedImage image, int left, int top, int width, int height) {
        int[] argb = image.getRGB(left, top, width, height, null, 0, width);
        float[] rgb = new float[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (argb[i] >> 16) & 0xFF;
            rgb[i * 3 + 1] = (argb[i] >> 8) & 0xFF;
            rgb[i * 3 + 2] = argb[i] & 0xFF;
        }
        return rgb;
    }

    private static BufferedImage bicubic(BufferedImage image, int scale) {
        BufferedImage result = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = result.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, result.getWidth(), result.getHeight(), null);
        } finally {
            g.dispose();
        }
        return result;
    }

    @PreDestroy
    void close() {
        models.values().forEach(EsrganModel::close);
    }
}
