package io.lecturevision.vision;

import io.lecturevision.common.testing.TestJwtKeys;
import io.restassured.specification.RequestSpecification;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Images and callers for the photo tests. */
final class Photos {

    private Photos() {
    }

    static String newUser() {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(TestJwtKeys.token(user, "guest"));
    }

    /** Noise: as sharp as an image gets. */
    static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    /** A smooth gradient: nearly no edges. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, width, height, Color.ORANGE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid PNG header claiming 100000 × 100000 pixels, followed by nothing worth decoding. */
    static byte[] pixelFloodPng() {
        byte[] png = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        // IHDR width and height live at bytes 16..23 (the CRC no longer matches: a decoder would refuse, the header check must not get there).
        for (int offset : new int[] {16, 20}) {
            png[offset] = 0;
            png[offset + 1] = 0x01;
            png[offset + 2] = (byte) 0x86;
            png[offset + 3] = (byte) 0xA0;
        }
        return png;
    }
}
