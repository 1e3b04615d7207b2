package io.lecturevision.audio.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What the built-in analysis server measures (its webhook's {@code analysis_results}). */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AnalysisReport(String analyser, String format, double durationSeconds, int sampleRate, int channels,
                             Loudness loudness, VoiceActivitySummary voiceActivity, Pitch pitch,
                             SpeakingRate speakingRate, Transcript transcript) {

    /** LUFS, LU and dBFS; null where the signal is too short or silent to measure. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Loudness(Double integratedLufs, Double loudnessRangeLu, Double samplePeakDbfs) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Span(double start, double end, double duration) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VoiceActivitySummary(double speechSeconds, double silenceRatio, double thresholdDbfs,
                                       List<Span> segments, List<Span> longPauses) {
    }

    /** Median and range of the voiced frames' fundamental frequency; nulls when no frame was voiced. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pitch(String method, int voicedFrames, Double medianHz, Double minHz, Double maxHz) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SpeakingRate(int words, Double wordsPerMinute) {
    }

    /**
     * What the speech recogniser heard and its word error rate against the token's line (null when the
     * line has no words); engine "none" with the reason when no recogniser ran.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Transcript(String engine, String text, Double wordErrorRate, String reason) {

        public static final String NONE = "none";

        public static Transcript none(String reason) {
            return new Transcript(NONE, null, null, reason);
        }
    }
}
