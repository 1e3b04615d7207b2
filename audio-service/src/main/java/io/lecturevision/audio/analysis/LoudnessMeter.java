package io.lecturevision.audio.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loudness per ITU-R BS.1770-4 / EBU R128: K-weighted mean square per channel, 400 ms gating blocks
 * with 75 % overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the absolutely
 * gated loudness; loudness range per EBU Tech 3342 (3 s short-term loudness at 10 Hz, gates at -70
 * LUFS and -20 LU, 10th to 95th percentile); and the sample peak.
 */
final class LoudnessMeter {

    private static final double ABSOLUTE_GATE = -70.0;

    private final int channels;
    private final Biquad[] shelves;
    private final Biquad[] highPasses;
    private final double[] weights;
    private final int subBlockFrames;
    /** Channel-weighted sums of squares over consecutive 100 ms sub-blocks. */
    private final List<Double> subBlocks = new ArrayList<>();
    private double current;
    private int currentFrames;
    private double peak;

    LoudnessMeter(double sampleRate, int channels) {
        this.channels = channels;
        this.shelves = new Biquad[channels];
        this.highPasses = new Biquad[channels];
        this.weights = new double[channels];
        for (int c = 0; c < channels; c++) {
            shelves[c] = Biquad.kWeightingShelf(sampleRate);
            highPasses[c] = Biquad.kWeightingHighPass(sampleRate);
            // BS.1770 channel weights: 1.0 for L, R, C; 1.41 for the surround channels of a 5.1 layout; LFE excluded.
            weights[c] = channels == 6 ? (c == 3 ? 0.0 : c >= 4 ? 1.41 : 1.0) : 1.0;
        }
        this.subBlockFrames = (int) Math.round(sampleRate * 0.1);
    }

    void accept(float[][] samples, int frames) {
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                double x = samples[c][i];
                peak = Math.max(peak, Math.abs(x));
                double y = highPasses[c].process(shelves[c].process(x));
                sum += weights[c] * y * y;
            }
            current += sum;
            if (++currentFrames == subBlockFrames) {
                subBlocks.add(current);
                current = 0;
                currentFrames = 0;
            }
        }
    }

    /** Integrated loudness in LUFS; null when nothing passes the gates (silence, or shorter than 400 ms). */
    Double integrated() {
        double[] blocks = windowPowers(4);
        double absolute = gatedMean(blocks, power -> loudness(power) > ABSOLUTE_GATE);
        if (Double.isNaN(absolute)) {
            return null;
        }
        double relativeGate = loudness(absolute) - 10.0;
        double gated = gatedMean(blocks, power -> loudness(power) > ABSOLUTE_GATE && loudness(power) > relativeGate);
        return Double.isNaN(gated) ? null : loudness(gated);
    }

    /** Loudness range in LU; null when under 3 s of audio passes the gates. */
    Double range() {
        double[] windows = windowPowers(30);
        double absolute = gatedMean(windows, power -> loudness(power) > ABSOLUTE_GATE);
        if (Double.isNaN(absolute)) {
            return null;
        }
        double relativeGate = loudness(absolute) - 20.0;
        double[] gated = Arrays.stream(windows).map(LoudnessMeter::loudness)
                .filter(l -> l > ABSOLUTE_GATE && l > relativeGate).sorted().toArray();
        if (gated.length == 0) {
            return null;
        }
        return percentile(gated, 0.95) - percentile(gated, 0.10);
    }

    /** Sample peak in dBFS; null for digital silence. */
    Double samplePeak() {
        return peak == 0 ? null : 20.0 * Math.log10(peak);
    }

    /** Mean channel-weighted power of every window of {@code length} sub-blocks, one sub-block apart. */
    private double[] windowPowers(int length) {
        int count = subBlocks.size() - length + 1;
        if (count <= 0) {
            return new double[0];
        }
        double[] powers = new double[count];
        double sum = 0;
        for (int i = 0; i < subBlocks.size(); i++) {
            sum += subBlocks.get(i);
            if (i >= length) {
                sum -= subBlocks.get(i - length);
            }
            if (i >= length - 1) {
                powers[i - length + 1] = Math.max(0, sum) / ((double) length * subBlockFrames);
            }
        }
        return powers;
    }

    private static double gatedMean(double[] powers, java.util.function.DoublePredicate gate) {
        double sum = 0;
        int n = 0;
        for (double power : powers) {
            if (gate.test(power)) {
                sum += power;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double loudness(double power) {
        return power <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10.0 * Math.log10(power);
    }

    /** Linear interpolation between closest ranks of a sorted array. */
    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
