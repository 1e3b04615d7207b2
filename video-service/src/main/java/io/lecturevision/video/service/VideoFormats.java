package io.lecturevision.video.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Tells a video container from its first bytes; the declared content type is never trusted. */
public final class VideoFormats {

    /** How many leading bytes {@link #detect} needs. */
    public static final int SNIFF_BYTES = 512;

    private VideoFormats() {
    }

    public static Optional<String> detect(byte[] head) {
        if (head.length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (brand.equals("qt  ")) {
                return Optional.of("video/quicktime");
            }
            if (brand.startsWith("3gp") || brand.startsWith("3g2")) {
                return Optional.of("video/3gpp");
            }
            return Optional.of("video/mp4");
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
                && (head[3] & 0xFF) == 0xA3) {
            return Optional.of(ascii(head, 0, Math.min(head.length, 64)).contains("webm") ? "video/webm" : "video/x-matroska");
        }
        if (head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("AVI ")) {
            return Optional.of("video/x-msvideo");
        }
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 1 && (head[3] & 0xFF) == 0xBA) {
            return Optional.of("video/mpeg");
        }
        if (head.length >= 377 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47) {
            return Optional.of("video/mp2t");
        }
        return Optional.empty();
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
