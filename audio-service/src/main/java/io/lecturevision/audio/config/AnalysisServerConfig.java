package io.lecturevision.audio.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The built-in analysis server (POST /analyze-voice). */
@ConfigMapping(prefix = "lv.analysis-server")
public interface AnalysisServerConfig {

    /** Whether this instance answers /analyze-voice; 404 otherwise. */
    @WithDefault("true")
    boolean enabled();

    /** Largest recording it downloads (checked from Content-Length and while reading). */
    @WithDefault("100M")
    MemorySize maxDownload();

    /** Longest recording it decodes. */
    @WithDefault("30m")
    Duration maxDuration();

    /** Analyses running at once on this instance; more wait in line. */
    @WithDefault("2")
    int concurrency();

    /** A silence between speech segments at least this long is reported as a long pause. */
    @WithDefault("1s")
    Duration longPause();

    /** The speech recogniser that writes the transcript (Debian's pocketsphinx; "none" when not installed). */
    Recognizer recognizer();

    interface Recognizer {

        /** The pocketsphinx_batch executable, by name on PATH or by path. */
        @WithDefault("pocketsphinx_batch")
        String command();

        /** Holds {@code en-us/} (acoustic model), {@code en-us.lm.bin} and {@code cmudict-en-us.dict}. */
        @WithDefault("/usr/share/pocketsphinx/model/en-us")
        String modelDir();

        /** The recogniser process is killed after this long and the transcript reports why. */
        @WithDefault("10m")
        Duration timeout();

        /** Longer recordings are measured but not transcribed. */
        @WithDefault("5m")
        Duration maxDuration();
    }
}
