package io.lecturevision.upload.service;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Tells a JPEG or PNG by its magic bytes and reads its dimensions from the header, without
 * decoding pixels: a pixel flood is refused before anything allocates an image.
 */
public final class ImageInspector {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageInspector() {
    }

    public record ImageInfo(String contentType, String extension, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** The image's type and size, or empty when the bytes are not a well-formed JPEG or PNG header. */
    public static Optional<ImageInfo> inspect(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        byte[] start = new byte[8];
        try {
            in.readFully(start, 0, 3);
            if ((start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xD8 && (start[2] & 0xFF) == 0xFF) {
                return jpeg(in);
            }
            in.readFully(start, 3, 5);
            if (java.util.Arrays.equals(start, PNG_MAGIC)) {
                return png(in);
            }
            return Optional.empty();
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    private static Optional<ImageInfo> png(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] type = new byte[4];
        in.readFully(type);
        if (length != 13 || !"IHDR".equals(new String(type, java.nio.charset.StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        int width = in.readInt();
        int height = in.readInt();
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ImageInfo("image/png", "png", width, height));
    }

    /** Walks the markers up to the first start-of-frame, which holds the dimensions. */
    private static Optional<ImageInfo> jpeg(DataInputStream in) throws IOException {
        int marker = in.readUnsignedByte();
        for (int segments = 0; segments < 1000; segments++) {
            while (marker == 0xFF) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty();
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                return Optional.empty();
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                in.readUnsignedByte();
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                if (width <= 0 || height <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new ImageInfo("image/jpeg", "jpg", width, height));
            }
            in.skipNBytes(length - 2);
            if (in.readUnsignedByte() != 0xFF) {
                return Optional.empty();
            }
            marker = in.readUnsignedByte();
        }
        return Optional.empty();
    }
}
