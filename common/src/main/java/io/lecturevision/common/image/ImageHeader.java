package io.lecturevision.common.image;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A JPEG's or PNG's type and dimensions read from its header, without decoding pixels, so a
 * pixel flood is refused before anything allocates an image.
 */
public record ImageHeader(String contentType, String extension, int width, int height) {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    public long pixels() {
        return (long) width * height;
    }

    /** The header, or empty when the bytes do not start a well-formed JPEG or PNG. */
    public static Optional<ImageHeader> read(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        byte[] start = new byte[8];
        try {
            in.readFully(start, 0, 3);
            if ((start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xD8 && (start[2] & 0xFF) == 0xFF) {
                return jpeg(in);
            }
            in.readFully(start, 3, 5);
            return Arrays.equals(start, PNG_MAGIC) ? png(in) : Optional.empty();
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    private static Optional<ImageHeader> png(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] type = new byte[4];
        in.readFully(type);
        if (length != 13 || !"IHDR".equals(new String(type, StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return sized("image/png", "png", in.readInt(), in.readInt());
    }

    /** Walks the markers up to the first start-of-frame, which holds the dimensions. */
    private static Optional<ImageHeader> jpeg(DataInputStream in) throws IOException {
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
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                in.readUnsignedByte();
                int height = in.readUnsignedShort();
                return sized("image/jpeg", "jpg", in.readUnsignedShort(), height);
            }
            in.skipNBytes(length - 2);
            if (in.readUnsignedByte() != 0xFF) {
                return Optional.empty();
            }
            marker = in.readUnsignedByte();
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> sized(String type, String extension, int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new ImageHeader(type, extension, width, height)) : Optional.empty();
    }
}
