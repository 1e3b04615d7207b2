package io.lecturevision.audio.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioAnalyzerTest {

    @TempDir
    Path dir;

    private AnalysisReport analyse(byte[] wav, String text) throws Exception {
        Path file = Files.write(dir.resolve("signal.wav"), wav);
        return AudioAnalyzer.analyse(file, "audio/wav", text, Duration.ofMinutes(30), Duration.ofSeconds(1));
    }

    @Test
    void stereoSineAtMinus23DbfsReadsMinus23Lufs() throws Exception {
        // EBU Tech 3341 case 1: 1 kHz at -23 dBFS on both channels reads -23.0 LUFS.
        AnalysisReport report = analyse(Signals.of(48_000, 2).sine(1000, -23, 20).wav(), "");
        assertEquals(-23.0, report.loudness().integratedLufs(), 0.1);
        assertEquals(-23.0, report.loudness().samplePeakDbfs(), 0.05);
        assertEquals(0.0, report.loudness().loudnessRangeLu(), 0.1);
        assertEquals(20.0, report.durationSeconds(), 0.001);
        assertEquals(2, report.channels());
        assertEquals(48_000, report.sampleRate());
    }

    @Test
    void monoSineReadsThreeDecibelsBelowTheStereoOne() throws Exception {
        // One channel carries half the power of two: -23 dBFS mono is -23 - 10·log10(2) = -26.01 LUFS
        // (BS.1770 weights a mono channel 1.0; meters that treat mono as dual mono add the 3 dB back).
        AnalysisReport report = analyse(Signals.of(48_000, 1).sine(1000, -23, 20).wav(), "");
        assertEquals(-26.01, report.loudness().integratedLufs(), 0.1);
    }

    @Test
    void otherSampleRatesAndLevelsMeasureTheSame() throws Exception {
        // Tech 3341 case 2: -33 dBFS reads -33.0 LUFS; the filter is derived for 44.1 kHz too.
        assertEquals(-33.0, analyse(Signals.of(44_100, 2).sine(1000, -33, 20).wav(), "").loudness().integratedLufs(), 0.1);
    }

    @Test
    void theRelativeGateIgnoresQuietPassages() throws Exception {
        // Tech 3341 case 3 in spirit: 10 s at -36 dBFS, 60 s at -23 dBFS, 10 s at -36 dBFS → -23.0 LUFS.
        AnalysisReport report = analyse(Signals.of(48_000, 2).sine(1000, -36, 10).sine(1000, -23, 60)
                .sine(1000, -36, 10).wav(), "");
        assertEquals(-23.0, report.loudness().integratedLufs(), 0.1);
    }

    @Test
    void loudnessRangeFollowsTechThreeThreeFourTwo() throws Exception {
        // Tech 3342 case 1: 20 s at -20 dBFS then 20 s at -30 dBFS (stereo) has a range of 10 LU ± 1.
        AnalysisReport report = analyse(Signals.of(48_000, 2).sine(1000, -20, 20).sine(1000, -30, 20).wav(), "");
        assertEquals(10.0, report.loudness().loudnessRangeLu(), 1.0);
    }

    @Test
    void pitchOfA220HzToneIs220Hz() throws Exception {
        AnalysisReport report = analyse(Signals.of(48_000, 1).sine(220, -20, 3).wav(), "");
        assertEquals(220.0, report.pitch().medianHz(), 2.0);
        assertEquals(220.0, report.pitch().minHz(), 2.0);
        assertEquals(220.0, report.pitch().maxHz(), 2.0);
        AnalysisReport lower = analyse(Signals.of(44_100, 1).sine(110, -20, 3).wav(), "");
        assertEquals(110.0, lower.pitch().medianHz(), 2.0);
    }

    @Test
    void speechSegmentsPausesAndSpeakingRate() throws Exception {
        // 1 s tone, 1.5 s silence, 2 s tone, 0.5 s silence: two segments, one long pause, 3 s of "speech".
        byte[] wav = Signals.of(16_000, 1).sine(180, -20, 1).silence(1.5).sine(180, -20, 2).silence(0.5).wav();
        AnalysisReport report = analyse(wav, "one two three four five six");
        AnalysisReport.VoiceActivitySummary voice = report.voiceActivity();
        assertEquals(2, voice.segments().size());
        assertEquals(0.0, voice.segments().get(0).start(), 0.03);
        assertEquals(1.0, voice.segments().get(0).end(), 0.03);
        assertEquals(2.5, voice.segments().get(1).start(), 0.03);
        assertEquals(4.5, voice.segments().get(1).end(), 0.03);
        assertEquals(3.0, voice.speechSeconds(), 0.05);
        assertEquals(0.4, voice.silenceRatio(), 0.01);
        assertEquals(1, voice.longPauses().size());
        assertEquals(1.5, voice.longPauses().get(0).duration(), 0.05);
        // 6 words in 3 s of speech = 120 words per minute.
        assertEquals(6, report.speakingRate().words());
        assertEquals(120.0, report.speakingRate().wordsPerMinute(), 3.0);
        assertEquals("none", report.transcript().engine());
    }

    @Test
    void silenceHasNoLoudnessNoSpeechAndNoPitch() throws Exception {
        AnalysisReport report = analyse(Signals.of(16_000, 1).silence(2).wav(), "words here");
        assertNull(report.loudness().integratedLufs());
        assertNull(report.loudness().samplePeakDbfs());
        assertEquals(1.0, report.voiceActivity().silenceRatio());
        assertNull(report.pitch().medianHz());
        assertNull(report.speakingRate().wordsPerMinute());
    }

    @Test
    void notAudioIsRefusedWithAReason() throws Exception {
        Path file = Files.write(dir.resolve("fake.wav"), "RIFF0000WAVEjunk".getBytes());
        assertThrows(AudioAnalyzer.UnreadableAudio.class, () ->
                AudioAnalyzer.analyse(file, "audio/wav", "", Duration.ofMinutes(1), Duration.ofSeconds(1)));
        Path longer = Files.write(dir.resolve("long.wav"), Signals.of(8000, 1).sine(200, -20, 3).wav());
        assertThrows(AudioAnalyzer.UnreadableAudio.class, () ->
                AudioAnalyzer.analyse(longer, "audio/wav", "", Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
