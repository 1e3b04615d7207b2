package io.lecturevision.audio.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLAC, Ogg Vorbis and MP3 made by sox from a generated WAV measure like the WAV; espeak-ng speech measures as speech. */
class FormatsTest {

    @TempDir
    Path dir;

    private static AnalysisReport analyse(Path file, String contentType, String text) throws Exception {
        return AudioAnalyzer.analyse(file, contentType, text, Duration.ofMinutes(30), Duration.ofSeconds(1));
    }

    @ParameterizedTest
    // MP3: sox's own decoder reads the encoded file 0.47 dB quieter than the WAV too (the encoder's doing).
    @CsvSource({"flac, audio/flac, 0.01, 0.05", "mp3, audio/mpeg, 0.1, 0.6"})
    void compressedFormatsMeasureLikeTheWav(String extension, String contentType, double durationTolerance,
                                            double loudnessTolerance) throws Exception {
        Path wav = Files.write(dir.resolve("signal.wav"),
                Signals.of(44_100, 2).sine(220, -20, 2).silence(1.5).sine(220, -20, 1).wav());
        Path encoded = DebianTools.convert(wav, extension);
        AnalysisReport reference = analyse(wav, "audio/wav", "one two three");
        AnalysisReport report = analyse(encoded, contentType, "one two three");

        assertEquals(contentType, report.format());
        assertEquals(44_100, report.sampleRate());
        assertEquals(2, report.channels());
        assertEquals(4.5, report.durationSeconds(), durationTolerance);
        assertEquals(reference.loudness().integratedLufs(), report.loudness().integratedLufs(), loudnessTolerance);
        assertEquals(220.0, report.pitch().medianHz(), 2.0);
        assertEquals(2, report.voiceActivity().segments().size());
        assertEquals(1, report.voiceActivity().longPauses().size());
    }

    /**
     * Ogg Vorbis decodes through vorbisspi 1.0.3.3, which can drop the end of a file (here up to
     * about 1 s of 4.5 s; 3 s files come out whole): what it decodes measures like the WAV.
     */
    @Test
    void oggVorbisDecodes() throws Exception {
        Path wav = Files.write(dir.resolve("tone.wav"), Signals.of(44_100, 2).sine(220, -20, 3).wav());
        AnalysisReport reference = analyse(wav, "audio/wav", "");
        AnalysisReport report = analyse(DebianTools.convert(wav, "ogg"), "audio/ogg", "");
        assertEquals("audio/ogg", report.format());
        assertEquals(44_100, report.sampleRate());
        assertEquals(2, report.channels());
        assertTrue(report.durationSeconds() > 2.0 && report.durationSeconds() <= 3.05, report.toString());
        assertEquals(reference.loudness().integratedLufs(), report.loudness().integratedLufs(), 0.2);
        assertEquals(220.0, report.pitch().medianHz(), 2.0);
    }

    @Test
    void wavFilesInOtherSampleFormatsDecode() throws Exception {
        // 1 kHz at -23 dBFS (amplitude 10^(-23/20) = 0.0708) on two channels, as sox writes them:
        // 24-bit and 32-bit integer (WAVE_FORMAT_EXTENSIBLE) and 32-bit float.
        for (String[] sampleFormat : new String[][] {{"-b", "24", "-e", "signed-integer"},
                {"-b", "32", "-e", "signed-integer"}, {"-b", "32", "-e", "floating-point"}}) {
            Path wav = dir.resolve("tone" + String.join("", sampleFormat) + ".wav");
            DebianTools.sox("-n", "-r", "48000", "-c", "2", sampleFormat[0], sampleFormat[1], sampleFormat[2],
                    sampleFormat[3], wav.toString(), "synth", "10", "sine", "1000", "vol", "0.0708");
            AnalysisReport report = analyse(wav, "audio/wav", "");
            assertEquals(-23.0, report.loudness().integratedLufs(), 0.1, String.join(" ", sampleFormat));
            assertEquals(10.0, report.durationSeconds(), 0.001);
        }
    }

    @Test
    void speechFromEspeakIsSpeech() throws Exception {
        String line = "To be, or not to be, that is the question";
        Path speech = DebianTools.speak(line, dir.resolve("speech.wav"));
        AnalysisReport report = analyse(speech, "audio/wav", line);
        assertTrue(report.voiceActivity().speechSeconds() > 1.0, report.toString());
        assertTrue(report.voiceActivity().silenceRatio() < 0.5, report.toString());
        // espeak-ng's default voice speaks around 100-200 Hz, about 175 words a minute.
        assertTrue(report.pitch().medianHz() > 70 && report.pitch().medianHz() < 300, report.toString());
        assertTrue(report.speakingRate().wordsPerMinute() > 100 && report.speakingRate().wordsPerMinute() < 400,
                report.toString());
        assertTrue(report.loudness().integratedLufs() < -5 && report.loudness().integratedLufs() > -40, report.toString());
    }
}
