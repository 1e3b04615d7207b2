package io.lecturevision.audio.service;

import java.util.Optional;

/** The recording formats accepted, recognised by their first bytes whatever the declared type says. */
public final class AudioFormats {

    public static final int SNIFF_BYTES = 12;

    public record Format(String contentType, String extension) {
    }

    private AudioFormats() {
    }

    public static Optional<Format> detect(byte[] head) {
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) {
            return Optional.of(new Format("audio/wav", "wav"));
        }
        if (startsWith(head, 0, "fLaC")) {
            return Optional.of(new Format("audio/flac", "flac"));
        }
        if (startsWith(head, 0, "OggS")) {
            return Optional.of(new Format("audio/ogg", "ogg"));
        }
        // MP3: an ID3v2 tag, or straight away an MPEG audio frame header (11 sync bits, layer III).
        if (startsWith(head, 0, "ID3")
                || head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02) {
            return Optional.of(new Format("audio/mpeg", "mp3"));
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        if (bytes.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
