package io.lecturevision.audio.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Energy-based voice activity: the mean power of 20 ms frames against a threshold set from the
 * recording itself (its quietest decile plus 15 dB, at most 10 dB under its loudest decile, never
 * below an absolute floor of -50 dBFS). Speech
 * frames are joined into segments, bridging gaps under 200 ms and dropping blips under 100 ms.
 */
final class VoiceActivity {

    static final double FRAME_SECONDS = 0.02;
    private static final double ABSOLUTE_FLOOR_DB = -50.0;
    private static final double NOISE_MARGIN_DB = 15.0;
    private static final double LOUD_MARGIN_DB = 10.0;
    private static final double BRIDGE_SECONDS = 0.2;
    private static final double MIN_SEGMENT_SECONDS = 0.1;

    record Segment(double start, double end) {
        double duration() {
            return end - start;
        }
    }

    private final int channels;
    private final int frameLength;
    private double[] frameDb = new double[1024];
    private int frameCount;
    private double sum;
    private int inFrame;

    VoiceActivity(double sampleRate, int channels) {
        this.channels = channels;
        this.frameLength = Math.max(1, (int) Math.round(sampleRate * FRAME_SECONDS));
    }

    void accept(float[][] samples, int frames) {
        for (int i = 0; i < frames; i++) {
            double power = 0;
            for (int c = 0; c < channels; c++) {
                power += samples[c][i] * samples[c][i];
            }
            sum += power / channels;
            if (++inFrame == frameLength) {
                if (frameCount == frameDb.length) {
                    frameDb = Arrays.copyOf(frameDb, frameDb.length * 2);
                }
                double mean = sum / frameLength;
                frameDb[frameCount++] = mean <= 0 ? -200.0 : 10.0 * Math.log10(mean);
                sum = 0;
                inFrame = 0;
            }
        }
    }

    /** The level (dBFS) above which a frame counts as speech. */
    double threshold() {
        if (frameCount == 0) {
            return ABSOLUTE_FLOOR_DB;
        }
        double[] sorted = Arrays.copyOf(frameDb, frameCount);
        Arrays.sort(sorted);
        // Above the quietest decile by a margin, but never so high that the loud frames fall under it
        // (a recording with no pause has no quiet decile to speak of).
        double noise = LoudnessMeter.percentile(sorted, 0.10) + NOISE_MARGIN_DB;
        double loud = LoudnessMeter.percentile(sorted, 0.90) - LOUD_MARGIN_DB;
        return Math.max(ABSOLUTE_FLOOR_DB, Math.min(noise, loud));
    }

    List<Segment> segments() {
        double threshold = threshold();
        List<Segment> raw = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= frameCount; i++) {
            boolean speech = i < frameCount && frameDb[i] > threshold;
            if (speech && start < 0) {
                start = i;
            } else if (!speech && start >= 0) {
                raw.add(new Segment(start * FRAME_SECONDS, i * FRAME_SECONDS));
                start = -1;
            }
        }
        List<Segment> joined = new ArrayList<>();
        for (Segment segment : raw) {
            if (!joined.isEmpty() && segment.start() - joined.get(joined.size() - 1).end() < BRIDGE_SECONDS) {
                Segment last = joined.remove(joined.size() - 1);
                joined.add(new Segment(last.start(), segment.end()));
            } else {
                joined.add(segment);
            }
        }
        joined.removeIf(segment -> segment.duration() < MIN_SEGMENT_SECONDS);
        return joined;
    }
}
