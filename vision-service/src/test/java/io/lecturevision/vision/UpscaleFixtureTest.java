package io.lecturevision.vision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.testing.TestJwtKeys;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.EsrganModel;
import io.lecturevision.vision.inference.TensorFlowDevice;
import io.lecturevision.vision.inference.TfjsLayersModel;
import io.lecturevision.vision.inference.UpscaleModel;
import io.lecturevision.vision.inference.Upscaler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
