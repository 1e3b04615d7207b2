package io.lecturevision.audio.analysis;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a RIFF/WAVE header (PCM or IEEE float, plain or WAVE_FORMAT_EXTENSIBLE) and returns the
 * samples as a PCM stream. Parsed here rather than by asking javax.sound.sampled's installed readers
 * in turn: with the MP3 decoder installed, its reader is asked before the JDK's extensible-WAV
 * reader and breaks the stream's mark.
 */
final class WavHeader {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavHeader() {
    }

    static AudioInputStream open(InputStream raw) throws IOException, AudioAnalyzer.UnreadableAudio {
        DataInputStream in = new DataInputStream(raw);
        try {
            if (!"RIFF".equals(fourCc(in))) {
                throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: not a RIFF file");
            }
            littleInt(in);
            if (!"WAVE".equals(fourCc(in))) {
                throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: not a WAVE file");
            }
            AudioFormat format = null;
            while (true) {
                String id = fourCc(in);
                long size = littleInt(in) & 0xFFFFFFFFL;
                if ("fmt ".equals(id)) {
                    format = format(in, size);
                } else if ("data".equals(id)) {
                    if (format == null) {
                        throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: data before its format");
                    }
                    return new AudioInputStream(in, format, size / format.getFrameSize());
                } else {
                    in.skipNBytes(size + (size & 1));
                }
            }
        } catch (EOFException e) {
            throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: the WAV file ends before its data");
        }
    }

    private static AudioFormat format(DataInputStream in, long size) throws IOException, AudioAnalyzer.UnreadableAudio {
        if (size < 16) {
            throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: WAV format chunk too short");
        }
        int tag = littleShort(in);
        int channels = littleShort(in);
        long rate = littleInt(in) & 0xFFFFFFFFL;
        littleInt(in);
        int blockAlign = littleShort(in);
        int bits = littleShort(in);
        long read = 16;
        if (tag == EXTENSIBLE && size >= 26) {
            littleShort(in);
            littleShort(in);
            littleInt(in);
            tag = littleShort(in);
            read = 26;
        }
        in.skipNBytes(size - read + (size & 1));
        if (channels < 1 || rate < 1 || bits < 8 || bits > 32 || blockAlign != channels * ((bits + 7) / 8)) {
            throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: unsupported WAV layout (" + channels
                    + " channels, " + bits + " bits)");
        }
        AudioFormat.Encoding encoding;
        if (tag == PCM) {
            encoding = bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
        } else if (tag == IEEE_FLOAT && bits == 32) {
            encoding = AudioFormat.Encoding.PCM_FLOAT;
        } else {
            throw new AudioAnalyzer.UnreadableAudio("Cannot decode the recording: WAV encoding " + tag
                    + " is not PCM or float");
        }
        return new AudioFormat(encoding, rate, bits, channels, blockAlign, rate, false);
    }

    private static String fourCc(DataInputStream in) throws IOException {
        byte[] id = new byte[4];
        in.readFully(id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int littleInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static int littleShort(DataInputStream in) throws IOException {
        return Short.reverseBytes(in.readShort()) & 0xFFFF;
    }
}
