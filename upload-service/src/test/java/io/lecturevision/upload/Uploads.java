package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.restassured.specification.RequestSpecification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Builds signed uploads the way a camera does (seed 000's curl recipe). */
final class Uploads {

    static final String SECRET = "dev-only-hmac-secret";

    private Uploads() {
    }

    /** A real JPEG of about 100 KB: noise compresses badly, so the size is stable. */
    static byte[] jpeg(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String timestamp, byte[] file, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(file));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    static String token(String user) {
        return TestJwtKeys.token(user, "guest");
    }

    static String adminToken(String user) {
        return TestJwtKeys.token(user, "admin");
    }

    static String newUser() {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification client(String token) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return given().auth().oauth2(token)
                .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    /** v2 signature (covers the key, the client id, the count and the file's SHA-256). */
    static String signV2(String timestamp, String idempotencyKey, String clientId, String peopleCount, byte[] file,
                         String secret) {
        try {
            String covered = String.join("\n", "v2", timestamp, idempotencyKey == null ? "" : idempotencyKey,
                    clientId == null ? "" : clientId, peopleCount == null ? "" : peopleCount,
                    HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file)));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v2=" + HexFormat.of().formatHex(mac.doFinal(covered.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A complete, correctly signed request for {@code file}, with a v2 signature so that uploads of
     * the same file in the same second under different keys are different signatures.
     */
    static RequestSpecification signed(String token, byte[] file, String fileName, String mime, String peopleCount,
                                       String idempotencyKey) {
        String timestamp = now();
        RequestSpecification request = client(token)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", signV2(timestamp, idempotencyKey, null, peopleCount, file, SECRET))
                .multiPart("file", fileName, file, mime);
        if (peopleCount != null) {
            request = request.multiPart("people_count", peopleCount);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request;
    }
}
