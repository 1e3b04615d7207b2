package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 000's curl + openssl recipe, as scripts/camera-upload.sh runs it, against the running test app. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class CameraScriptTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void theCameraScriptUploadsASignedImage(String signatureVersion) throws Exception {
        Path image = Files.createTempFile("camera", ".jpg");
        Files.write(image, Uploads.jpeg(200, 150, 99 + Long.parseLong(signatureVersion)));
        String key = "script-" + UUID.randomUUID();
        ProcessBuilder camera = new ProcessBuilder("bash", "scripts/camera-upload.sh", image.toString(), "6", key)
                .redirectErrorStream(true);
        camera.environment().put("LV_URL", "http://127.0.0.1:" + RestAssured.port);
        camera.environment().put("LV_TOKEN", Uploads.token(Uploads.newUser()));
        camera.environment().put("LV_HMAC_SECRET", Uploads.SECRET);
        camera.environment().put("LV_SIGNATURE_VERSION", signatureVersion);
        Process process = camera.start();
        process.getOutputStream().close();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("\"people_count\":6"), output);
        assertTrue(output.contains("\"original_name\":\"" + image.getFileName() + "\""), output);
    }
}
