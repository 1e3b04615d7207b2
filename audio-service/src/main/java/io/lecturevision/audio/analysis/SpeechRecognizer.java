package io.lecturevision.audio.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A speech recogniser the analyser hands the decoded recording to, as 16 kHz mono 16-bit PCM. */
public interface SpeechRecognizer {

    int SAMPLE_RATE = 16_000;

    /** The name reported as {@code transcript.engine}. */
    String engine();

    /** Why it cannot run on this machine (not installed, model missing), or empty when it can. */
    Optional<String> unavailable();

    /** Recordings longer than this are not transcribed. */
    Duration maxDuration();

    /**
     * The words heard in {@code pcm}: raw signed 16-bit little-endian mono samples at 16 kHz.
     * Throws {@link Failed} with a reason when the engine fails or runs out of time.
     */
    String transcribe(Path pcm) throws IOException, InterruptedException, Failed;

    class Failed extends Exception {
        public Failed(String message) {
            super(message);
        }
    }
}
