package io.lecturevision.audio.analysis;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Mixes blocks of any channel count down to mono and resamples them to {@link SpeechRecognizer#SAMPLE_RATE}
 * as signed 16-bit little-endian PCM, streaming: a windowed-sinc low-pass (Hann window, 12 zero
 * crossings a side, cut at 45 % of the lower rate) read from a table, so memory stays at a few
 * thousand samples whatever the length.
 */
final class MonoResampler {

    private static final int ZERO_CROSSINGS = 12;
    private static final int TABLE_STEPS = 256;

    private final OutputStream out;
    private final double step;
    private final int halfWidth;
    private final float[] kernel;
    private float[] buffer = new float[16_384];
    private long bufferStart;
    private int buffered;
    private long received;
    private long produced;

    MonoResampler(double inputRate, OutputStream out) {
        this.out = out;
        this.step = inputRate / SpeechRecognizer.SAMPLE_RATE;
        double cutoff = 0.45 * Math.min(inputRate, SpeechRecognizer.SAMPLE_RATE) / inputRate;
        this.halfWidth = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        this.kernel = new float[halfWidth * TABLE_STEPS + 2];
        for (int i = 0; i < kernel.length; i++) {
            double d = (double) i / TABLE_STEPS;
            if (d >= halfWidth) {
                break;
            }
            double x = 2 * cutoff * d;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            kernel[i] = (float) (2 * cutoff * sinc * 0.5 * (1 + Math.cos(Math.PI * d / halfWidth)));
        }
    }

    /** Writes {@code seconds} of silence (recognisers find the first word better after a short lead-in). */
    void silence(double seconds) throws IOException {
        for (long i = Math.round(seconds * SpeechRecognizer.SAMPLE_RATE); i > 0; i--) {
            write(0f);
        }
    }

    void accept(float[][] block, int frames) throws IOException {
        if (buffered + frames > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + frames));
        }
        int channels = block.length;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (float[] channel : block) {
                sum += channel[f];
            }
            buffer[buffered++] = sum / channels;
        }
        received += frames;
        drain(false);
    }

    /** Writes the samples still held back for the filter's right half. */
    void finish() throws IOException {
        drain(true);
        out.flush();
    }

    private void drain(boolean end) throws IOException {
        while (true) {
            double position = produced * step;
            long center = (long) Math.floor(position);
            if (end ? position >= received : center + halfWidth >= bufferStart + buffered) {
                break;
            }
            write(step == 1.0 ? buffer[(int) (center - bufferStart)] : filtered(position, center));
            produced++;
        }
        long keepFrom = (long) Math.floor(produced * step) - halfWidth;
        int drop = (int) Math.max(0, Math.min(buffered, keepFrom - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    private float filtered(double position, long center) {
        double sum = 0;
        for (long k = center - halfWidth + 1; k <= center + halfWidth; k++) {
            long index = k - bufferStart;
            if (index < 0 || index >= buffered) {
                continue;
            }
            sum += buffer[(int) index] * weight(Math.abs(position - k));
        }
        return (float) sum;
    }

    private float weight(double distance) {
        double at = distance * TABLE_STEPS;
        int i = (int) at;
        if (i >= kernel.length - 1) {
            return 0;
        }
        double frac = at - i;
        return (float) (kernel[i] + (kernel[i + 1] - kernel[i]) * frac);
    }

    private void write(float sample) throws IOException {
        int value = (int) Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767);
        out.write(value & 0xFF);
        out.write((value >> 8) & 0xFF);
    }
}
