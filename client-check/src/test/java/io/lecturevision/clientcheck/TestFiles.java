package io.lecturevision.clientcheck;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** The files the examples send, made for each run (random pixels, so no two runs send the same bytes). */
final class TestFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestFiles() {
    }

    /** {@code jpeg}, {@code png}, {@code wav}, {@code mp4}; a suffix ({@code jpeg2}) makes another file of that kind. */
    static byte[] make(String kind) throws Exception {
        return switch (kind.matches("jpeg\\d+") ? "jpeg" : kind) {
            case "jpeg" -> image("jpg");
            case "png" -> image("png");
            case "wav" -> wav();
            case "mp4" -> mp4();
            default -> throw new IllegalArgumentException("unknown file kind " + kind);
        };
    }

    /** A 96×64 image of smooth gradients with some random noise. */
    private static byte[] image(String format) throws Exception {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int noise = RANDOM.nextInt(32);
                image.setRGB(x, y, ((x * 2 + noise) & 0xff) << 16 | ((y * 3 + noise) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** One second of a 220 Hz tone with a little noise, 16 kHz mono 16-bit PCM WAV. */
    private static byte[] wav() {
        int rate = 16_000;
        int samples = rate;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate) + RANDOM.nextInt(200) - 100));
        }
        return wav.array();
    }

    /** The smallest MP4-shaped file (ftyp + free boxes), as infra/suite smoke uploads. */
    private static byte[] mp4() {
        ByteBuffer mp4 = ByteBuffer.allocate(40);
        mp4.putInt(24).put("ftypmp42".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("mp42isom".getBytes(StandardCharsets.US_ASCII));
        mp4.putInt(16).put("free".getBytes(StandardCharsets.US_ASCII)).putLong(RANDOM.nextLong());
        return mp4.array();
    }
}
