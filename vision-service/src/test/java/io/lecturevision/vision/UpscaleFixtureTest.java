package io.lecturevision.vision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.EsrganModel;
import io.lecturevision.vision.inference.TensorFlowDevice;
import io.lecturevision.vision.inference.TfjsLayersModel;
import io.lecturevision.vision.inference.TileRunner;
import io.lecturevision.vision.inference.UpscaleModel;
import io.lecturevision.vision.inference.Upscaler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.exceptions.TFResourceExhaustedException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rebuilt ESRGAN graphs reproduce the outputs each npm package ships for its fixture. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UpscaleFixtureTest {

    @Inject
    Upscaler upscaler;

    @Inject
    VisionConfig config;

    @Inject
    TensorFlowDevice device;

    @Inject
    ObjectMapper mapper;

    @Test
    void everyConfiguredModelIsLoaded() {
        assertTrue(upscaler.unavailable().isEmpty(), "models missing: " + upscaler.unavailable()
                + " (run " + Upscaler.SETUP_COMMAND + ")");
    }

    @Test
    void slimMatchesItsSampleAtX2() throws Exception {
        assertMatchesSample(UpscaleModel.SLIM, upscaler.upscale(fixture(UpscaleModel.SLIM), UpscaleModel.SLIM), 2);
    }

    @Test
    void mediumMatchesItsSampleAtX2() throws Exception {
        assertMatchesSample(UpscaleModel.MEDIUM, upscaler.upscale(fixture(UpscaleModel.MEDIUM), UpscaleModel.MEDIUM), 2);
    }

    @Test
    void thickMatchesItsSampleAtX2() throws Exception {
        assertMatchesSample(UpscaleModel.THICK, upscaler.upscale(fixture(UpscaleModel.THICK), UpscaleModel.THICK), 2);
    }

    @Test
    void slimMatchesItsSampleAtX4() throws Exception {
        Path json = packageDir(UpscaleModel.SLIM).resolve("models/x4/model.json");
        try (EsrganModel x4 = EsrganModel.build(TfjsLayersModel.read(json, mapper), UpscaleModel.SLIM.pixelRange(), 4,
                device.spec(), device.sessionConfig())) {
            BufferedImage input = fixture(UpscaleModel.SLIM);
            int w = input.getWidth();
            int h = input.getHeight();
            float[] rgb = new float[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = input.getRGB(x, y);
                    rgb[(y * w + x) * 3] = (p >> 16) & 0xFF;
                    rgb[(y * w + x) * 3 + 1] = (p >> 8) & 0xFF;
                    rgb[(y * w + x) * 3 + 2] = p & 0xFF;
                }
            }
            float[] out = x4.run(rgb, w, h);
            BufferedImage result = new BufferedImage(w * 4, h * 4, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < out.length / 3; i++) {
                result.setRGB(i % (w * 4), i / (w * 4), Math.round(out[i * 3]) << 16
                        | Math.round(out[i * 3 + 1]) << 8 | Math.round(out[i * 3 + 2]));
            }
            assertMatchesSample(UpscaleModel.SLIM, result, 4);
        }
    }

    @Test
    void tilesMeetWithoutSeams() throws Exception {
        BufferedImage input = fixture(UpscaleModel.SLIM);
        BufferedImage whole = upscaler.upscale(input, UpscaleModel.SLIM, 128, 0);
        BufferedImage tiled = upscaler.upscale(input, UpscaleModel.SLIM, 40, 12);
        assertEquals(0, maxDifference(whole, tiled, 12), "tiled and untiled results differ");
    }

    /** Tiles over 60 pixels "run out of memory": 128 and then 64-pixel tiles are redone as 32-pixel ones. */
    @Test
    void aTileThatRunsOutOfMemoryIsRedoneWithSmallerTiles() throws Exception {
        BufferedImage input = fixture(UpscaleModel.SLIM);
        BufferedImage whole = upscaler.upscale(input, UpscaleModel.SLIM, 128, 0);
        List<Integer> failed = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        try (EsrganModel slim = slimX2()) {
            TileRunner smallTilesOnly = (rgb, width, height) -> {
                int edge = Math.max(width, height);
                if (edge > 100) {
                    failed.add(edge);
                    throw new OutOfMemoryError("Java heap space (injected)");
                }
                if (edge > 60) {
                    failed.add(edge);
                    throw new TFResourceExhaustedException("OOM when allocating tensor (injected)");
                }
                ran.add(edge);
                return slim.run(rgb, width, height);
            };
            BufferedImage tiled = Upscaler.upscale(input, smallTilesOnly, 2, 128, 12);
            assertEquals(List.of(128, 76, 76, 76, 76), failed, "the 128 tile, then each of its four 64-pixel cells (+12 context)");
            assertEquals(16, ran.size(), "each 64-pixel cell redone as four 32-pixel ones");
            assertTrue(ran.stream().allMatch(edge -> edge <= 56), "32-pixel cells with at most 2 × 12 of context: " + ran);
            assertEquals(whole.getWidth(), tiled.getWidth());
            assertTrue(maxDifference(whole, tiled, 12) <= 1, "the retried result differs from the untiled one");
        }
    }

    @Test
    void aTileStillOutOfMemoryAtTheSmallestSizeFailsTheJob() {
        BufferedImage input = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        List<Integer> tried = new ArrayList<>();
        TileRunner alwaysOutOfMemory = (rgb, width, height) -> {
            tried.add(Math.max(width, height));
            throw new TFResourceExhaustedException("OOM when allocating tensor (injected)");
        };
        assertThrows(TFResourceExhaustedException.class, () -> Upscaler.upscale(input, alwaysOutOfMemory, 2, 128, 0));
        assertEquals(List.of(128, 64, 32), tried, "halved down to " + Upscaler.MIN_TILE_SIZE + ", then given up");
    }

    /** A model.json with a layer the graph builder does not know stops the service's start, naming the layer. */
    @Test
    void anUnknownLayerFailsTheStartNamingIt(@TempDir Path models) throws Exception {
        Path json = models.resolve("esrgan-slim/models/x2/model.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, """
                {"format": "layers-model", "modelTopology": {"model_config": {"class_name": "Functional", "config": {
                  "name": "crafted",
                  "layers": [
                    {"class_name": "InputLayer", "name": "LR", "config": {"name": "LR"}, "inbound_nodes": []},
                    {"class_name": "SpectralNormalization", "name": "mystery_norm", "config": {"name": "mystery_norm"},
                     "inbound_nodes": [[["LR", 0, 0, {}]]]}
                  ],
                  "input_layers": [["LR", 0, 0]], "output_layers": [["mystery_norm", 0, 0]]}}},
                 "weightsManifest": []}
                """);
        VisionConfig crafted = withModelsDir(config, models, List.of("slim"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Upscaler(crafted, device, mapper));
        assertEquals("unsupported layer type in layer mystery_norm (SpectralNormalization)", refused.getMessage());
    }

    private EsrganModel slimX2() throws Exception {
        return EsrganModel.build(TfjsLayersModel.read(packageDir(UpscaleModel.SLIM).resolve("models/x2/model.json"), mapper),
                UpscaleModel.SLIM.pixelRange(), 2, device.spec(), device.sessionConfig());
    }

    /** The service's configuration with another models folder and model list. */
    private static VisionConfig withModelsDir(VisionConfig config, Path modelsDir, List<String> models) {
        VisionConfig.Upscale upscale = (VisionConfig.Upscale) Proxy.newProxyInstance(VisionConfig.class.getClassLoader(),
                new Class<?>[] {VisionConfig.Upscale.class}, (proxy, method, args) -> method.getName().equals("models")
                        ? models : method.invoke(config.upscale(), args));
        return (VisionConfig) Proxy.newProxyInstance(VisionConfig.class.getClassLoader(), new Class<?>[] {VisionConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "modelsDir" -> modelsDir;
                    case "upscale" -> upscale;
                    default -> method.invoke(config, args);
                });
    }

    @Test
    void healthSaysWhereTheModelsRun() {
        given().when().get("/health").then().statusCode(200)
                .body("status", equalTo("ok")).body("device", startsWith("/job:localhost/replica:0/task:0/device:CPU:0"));
    }

    private Path packageDir(UpscaleModel model) {
        return config.modelsDir().resolve(model.packageDir().orElseThrow());
    }

    private BufferedImage fixture(UpscaleModel model) throws Exception {
        Path file = packageDir(model).resolve("assets/fixture.png");
        assertTrue(Files.isRegularFile(file), file + " missing: run " + Upscaler.SETUP_COMMAND);
        return ImageIO.read(file.toFile());
    }

    private void assertMatchesSample(UpscaleModel model, BufferedImage result, int scale) throws Exception {
        BufferedImage sample = ImageIO.read(packageDir(model).resolve("assets/samples/" + scale + "x/result.png").toFile());
        assertEquals(sample.getWidth(), result.getWidth());
        assertEquals(sample.getHeight(), result.getHeight());
        int difference = maxDifference(sample, result, 0);
        assertTrue(difference <= 1, model.id() + " x" + scale + " differs from the package's sample by " + difference
                + " grey levels");
    }

    /** The largest per-channel difference, ignoring a {@code border} of pixels on each side. */
    private static int maxDifference(BufferedImage a, BufferedImage b, int border) {
        int max = 0;
        for (int y = border; y < a.getHeight() - border; y++) {
            for (int x = border; x < a.getWidth() - border; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
                }
            }
        }
        return max;
    }
}
