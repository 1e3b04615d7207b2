package io.lecturevision.audio.analysis;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class TranscriptTest {

    /**
     * A line espeak-ng's en-us voice speaks at 150 words a minute. pocketsphinx with its generic en-us
     * model is fragile on synthetic speech (a difference of -37 dB between two resamplings of one line
     * turned "I would like to thank you…" from WER 0.17 into 0.83); this line came out word for word
     * (WER 0.0) under every resampling filter tried and from sox's resampler, so the bound below has
     * margin for another build of the engine or the voice.
     */
    public static final String LINE = "How are you doing today?";
    /** At most two of the five words wrong. */
    public static final double WER_BOUND = 0.5;

    @TempDir
    Path dir;

    public static PocketSphinx debianPocketSphinx() {
        return new PocketSphinx("pocketsphinx_batch", Path.of("/usr/share/pocketsphinx/model/en-us"),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    /** Skips where Debian's pocketsphinx cannot run, saying why and how to install it. */
    public static void assumePocketSphinx() {
        PocketSphinx engine = debianPocketSphinx();
        Assumptions.assumeTrue(engine.unavailable().isEmpty(),
                () -> "skipped: " + engine.unavailable().orElseThrow());
    }

    @Test
    void wordErrorRateCountsSubstitutionsDeletionsAndInsertionsOverTheReference() {
        assertEquals(0.0, WordErrorRate.of("The quick, brown fox!", "the quick brown FOX"));
        assertEquals(0.25, WordErrorRate.of("the quick brown fox", "the quack brown fox"));
        assertEquals(0.5, WordErrorRate.of("the quick brown fox", "the brown"));
        assertEquals(0.5, WordErrorRate.of("the quick brown fox", "the quick very brown big fox"));
        assertEquals(1.0, WordErrorRate.of("one two", ""));
        assertEquals(1.5, WordErrorRate.of("one two", "three four five"));
        assertNull(WordErrorRate.of("  ", "anything"));
        assertEquals(List.of("don't", "stop", "1"), WordErrorRate.words("'Don't' stop — 1."));
    }

    @Test
    void aHypothesisLineLosesItsScoreAndFillers() {
        assertEquals("i would like to say", PocketSphinx.words("i would like to say (utterance -21676)\n"));
        assertEquals("hello world", PocketSphinx.words("<s> hello [NOISE] world(2) </s> (utterance -5)"));
        assertEquals("", PocketSphinx.words("(utterance 0)"));
    }

    @Test
    void noEngineInstalledSaysSoAndTheMeasurementsStillCome() throws Exception {
        Path speech = java.nio.file.Files.write(dir.resolve("tone.wav"), Signals.of(16_000, 1).sine(220, -20, 1).wav());
        PocketSphinx missing = new PocketSphinx("pocketsphinx_batch_not_here", Path.of("/usr/share/pocketsphinx/model/en-us"),
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        AnalysisReport report = AudioAnalyzer.analyse(speech, "audio/wav", "a line", Duration.ofMinutes(1),
                Duration.ofSeconds(1), missing);
        assertEquals("none", report.transcript().engine());
        assertNull(report.transcript().text());
        assertNull(report.transcript().wordErrorRate());
        assertEquals("pocketsphinx_batch_not_here is not installed (" + PocketSphinx.INSTALL + ")",
                report.transcript().reason());
        assertEquals(220.0, report.pitch().medianHz(), 2.0);
    }

    @Test
    void aRecordingLongerThanTheRecognisersLimitIsMeasuredButNotTranscribed() throws Exception {
        assumePocketSphinx();
        Path tone = java.nio.file.Files.write(dir.resolve("tone.wav"), Signals.of(16_000, 1).sine(220, -20, 3).wav());
        PocketSphinx shortLimit = new PocketSphinx("pocketsphinx_batch", Path.of("/usr/share/pocketsphinx/model/en-us"),
                Duration.ofMinutes(1), Duration.ofSeconds(2));
        AnalysisReport report = AudioAnalyzer.analyse(tone, "audio/wav", "a line", Duration.ofMinutes(1),
                Duration.ofSeconds(1), shortLimit);
        assertEquals("none", report.transcript().engine());
        assertEquals("recordings longer than 2 s are not transcribed", report.transcript().reason());
    }

    @Test
    void espeakSpeechIsTranscribedCloseToItsLine() throws Exception {
        assumePocketSphinx();
        Path speech = DebianTools.speak(LINE, dir.resolve("line.wav"), "en-us", 150);
        AnalysisReport report = AudioAnalyzer.analyse(speech, "audio/wav", LINE, Duration.ofMinutes(1),
                Duration.ofSeconds(1), debianPocketSphinx());
        AnalysisReport.Transcript transcript = report.transcript();
        assertEquals("pocketsphinx", transcript.engine(), transcript.toString());
        assertNull(transcript.reason());
        assertFalse(transcript.text().isBlank(), transcript.toString());
        assertEquals(WordErrorRate.of(LINE, transcript.text()), transcript.wordErrorRate(), 0.0001);
        assertTrue(transcript.wordErrorRate() < WER_BOUND, transcript.toString());
        assertEquals(22_050, report.sampleRate());
    }
}
