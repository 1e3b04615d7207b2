package io.lecturevision.audio.analysis;

import java.util.Arrays;

/**
 * Fundamental frequency by YIN (de Cheveigné & Kawahara, 2002) on a mono mix decimated to about
 * 16 kHz: cumulative mean normalised difference, absolute threshold 0.15, parabolic interpolation.
 * One estimate every 10 ms between 60 and 500 Hz; frames without a clear period give none.
 */
final class PitchTracker {

    private static final double MIN_HZ = 60.0;
    private static final double MAX_HZ = 500.0;
    private static final double THRESHOLD = 0.15;
    private static final double HOP_SECONDS = 0.01;

    private final int channels;
    private final int decimation;
    private final double rate;
    private final Biquad[] antiAlias;
    private final int window;
    private final int tauMin;
    private final int tauMax;
    private final int hop;
    private final float[] buffer;
    private final double[] difference;
    private int filled;
    private int phase;
    private long consumed;

    private double[] times = new double[256];
    private double[] pitches = new double[256];
    private int count;

    PitchTracker(double sampleRate, int channels) {
        this.channels = channels;
        this.decimation = Math.max(1, (int) (sampleRate / 16000));
        this.rate = sampleRate / decimation;
        this.antiAlias = new Biquad[] {Biquad.lowPass(sampleRate, 0.4 * rate), Biquad.lowPass(sampleRate, 0.4 * rate)};
        this.tauMin = (int) Math.floor(rate / MAX_HZ);
        this.tauMax = (int) Math.ceil(rate / MIN_HZ);
        this.window = (int) Math.round(rate * 0.03);
        this.hop = Math.max(1, (int) Math.round(rate * HOP_SECONDS));
        this.buffer = new float[window + tauMax + 2];
        this.difference = new double[tauMax + 2];
    }

    void accept(float[][] samples, int frames) {
        for (int i = 0; i < frames; i++) {
            double mono = 0;
            for (int c = 0; c < channels; c++) {
                mono += samples[c][i];
            }
            double filtered = antiAlias[1].process(antiAlias[0].process(mono / channels));
            if (++phase < decimation) {
                continue;
            }
            phase = 0;
            push((float) filtered);
        }
    }

    private void push(float sample) {
        buffer[filled++] = sample;
        if (filled == buffer.length) {
            estimate(consumed / rate);
            System.arraycopy(buffer, hop, buffer, 0, buffer.length - hop);
            filled -= hop;
            consumed += hop;
        }
    }

    /** Frame starting {@code time} seconds in; the buffer is shifted by a hop after each estimate. */
    private void estimate(double time) {
        double energy = 0;
        for (int j = 0; j < window; j++) {
            energy += buffer[j] * buffer[j];
        }
        if (energy / window < 1e-7) {
            return;
        }
        double running = 0;
        double[] d = difference;
        d[0] = 1;
        int found = -1;
        for (int tau = 1; tau <= tauMax; tau++) {
            double sum = 0;
            for (int j = 0; j < window; j++) {
                double delta = buffer[j] - buffer[j + tau];
                sum += delta * delta;
            }
            running += sum;
            d[tau] = running == 0 ? 1 : sum * tau / running;
        }
        for (int tau = Math.max(2, tauMin); tau < tauMax; tau++) {
            if (d[tau] < THRESHOLD) {
                while (tau + 1 < tauMax && d[tau + 1] < d[tau]) {
                    tau++;
                }
                found = tau;
                break;
            }
        }
        if (found < 0) {
            return;
        }
        double a = d[found - 1];
        double b = d[found];
        double c = d[found + 1];
        double denominator = a - 2 * b + c;
        double shift = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        double period = found + Math.max(-1, Math.min(1, shift));
        double hz = rate / period;
        if (hz < MIN_HZ || hz > MAX_HZ) {
            return;
        }
        if (count == pitches.length) {
            times = Arrays.copyOf(times, count * 2);
            pitches = Arrays.copyOf(pitches, count * 2);
        }
        times[count] = time + window / 2.0 / rate;
        pitches[count++] = hz;
    }

    /** Estimates (Hz) of the frames {@code keep} accepts by their centre time in seconds. */
    double[] pitches(java.util.function.DoublePredicate keep) {
        return java.util.stream.IntStream.range(0, count).filter(i -> keep.test(times[i])).mapToDouble(i -> pitches[i])
                .toArray();
    }
}
