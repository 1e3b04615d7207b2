package io.lecturevision.audio.analysis;

import io.lecturevision.audio.analysis.AnalysisReport.Span;

import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;
import javazoom.spi.vorbis.sampled.convert.VorbisFormatConversionProvider;
import javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader;
import org.jflac.sound.spi.FlacAudioFileReader;
import org.jflac.sound.spi.FlacFormatConversionProvider;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a recording (WAV natively, PCM or float; FLAC, MP3 and Ogg Vorbis through the decoders'
 * javax.sound.sampled providers) and measures it in one streaming pass, so memory does not grow
 * with the recording's length beyond a few numbers per frame.
 */
public final class AudioAnalyzer {

    public static final String ANALYSER = "lecturevision-builtin/1";
    private static final int BLOCK_FRAMES = 4096;
    /**
     * Silence put around the audio given to the recogniser: pocketsphinx misses a first word spoken at
     * once (measured with espeak-ng lines: 0.2 s brought the word error rate from 0.83 to 0.25).
     */
    private static final double SPEECH_LEAD_IN_SECONDS = 0.2;

    private AudioAnalyzer() {
    }

    /** Thrown when the file cannot be decoded or is out of bounds; its message is meant for the client. */
    public static class UnreadableAudio extends Exception {
        public UnreadableAudio(String message) {
            super(message);
        }
    }

    /** Measures the recording without a transcript ({@code transcript.engine} "none"). */
    public static AnalysisReport analyse(Path file, String contentType, String text, Duration maxDuration,
                                         Duration longPause) throws UnreadableAudio, IOException {
        try {
            return analyse(file, contentType, text, maxDuration, longPause, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Measures the recording and, when {@code recognizer} can run here, transcribes it (fed 16 kHz mono
     * made in the same pass) and scores the transcript against {@code text}.
     */
    public static AnalysisReport analyse(Path file, String contentType, String text, Duration maxDuration,
                                         Duration longPause, SpeechRecognizer recognizer)
            throws UnreadableAudio, IOException, InterruptedException {
        Optional<String> cannotTranscribe = recognizer == null ? Optional.of("no speech recogniser configured")
                : recognizer.unavailable();
        Path pcm = cannotTranscribe.isEmpty() ? Files.createTempFile("lv-speech-", ".raw") : null;
        try {
            return analyse(file, contentType, text, maxDuration, longPause, recognizer, cannotTranscribe, pcm);
        } finally {
            if (pcm != null) {
                Files.deleteIfExists(pcm);
            }
        }
    }

    private static AnalysisReport analyse(Path file, String contentType, String text, Duration maxDuration,
                                          Duration longPause, SpeechRecognizer recognizer,
                                          Optional<String> cannotTranscribe, Path pcm)
            throws UnreadableAudio, IOException, InterruptedException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream stream = open(raw, contentType)) {
            AudioFormat format = stream.getFormat();
            int channels = format.getChannels();
            double rate = format.getSampleRate();
            if (channels < 1 || channels > 8 || !(rate >= 4000 && rate <= 384_000)) {
                throw new UnreadableAudio("Unsupported layout: " + channels + " channels at " + rate + " Hz");
            }
            LoudnessMeter loudness = new LoudnessMeter(rate, channels);
            VoiceActivity voice = new VoiceActivity(rate, channels);
            PitchTracker pitch = new PitchTracker(rate, channels);
            long maxFrames = (long) (maxDuration.toMillis() / 1000.0 * rate);
            long frames = 0;
            SampleReader reader = new SampleReader(format);
            float[][] block = new float[channels][BLOCK_FRAMES];
            byte[] bytes = new byte[BLOCK_FRAMES * format.getFrameSize()];
            long transcribedFrames = recognizer == null ? 0 : (long) (recognizer.maxDuration().toMillis() / 1000.0 * rate);
            int read;
            try (OutputStream speech = pcm == null ? OutputStream.nullOutputStream()
                    : new BufferedOutputStream(Files.newOutputStream(pcm), 64 * 1024)) {
                MonoResampler resampler = pcm == null ? null : new MonoResampler(rate, speech);
                if (resampler != null) {
                    resampler.silence(SPEECH_LEAD_IN_SECONDS);
                }
                while ((read = reader.read(stream, bytes, block)) > 0) {
                    frames += read;
                    if (frames > maxFrames) {
                        throw new UnreadableAudio("Recording longer than " + maxDuration.toMinutes() + " min");
                    }
                    loudness.accept(block, read);
                    voice.accept(block, read);
                    pitch.accept(block, read);
                    if (resampler != null && frames <= transcribedFrames) {
                        resampler.accept(block, read);
                    }
                }
                if (resampler != null) {
                    resampler.finish();
                    resampler.silence(SPEECH_LEAD_IN_SECONDS);
                }
            }
            AnalysisReport.Transcript transcript;
            if (cannotTranscribe.isPresent()) {
                transcript = AnalysisReport.Transcript.none(cannotTranscribe.get());
            } else if (frames > transcribedFrames) {
                transcript = AnalysisReport.Transcript.none("recordings longer than "
                        + recognizer.maxDuration().toSeconds() + " s are not transcribed");
            } else {
                transcript = transcribe(recognizer, pcm, text);
            }
            return report(contentType, text, frames / rate, (int) Math.round(rate), channels, loudness, voice, pitch,
                    longPause.toMillis() / 1000.0, transcript);
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new UnreadableAudio("Cannot decode the recording: " + e.getMessage());
        }
    }

    private static AnalysisReport report(String contentType, String text, double duration, int rate, int channels,
                                         LoudnessMeter loudness, VoiceActivity voice, PitchTracker pitch,
                                         double longPause, AnalysisReport.Transcript transcript) {
        List<VoiceActivity.Segment> segments = voice.segments();
        double speech = segments.stream().mapToDouble(VoiceActivity.Segment::duration).sum();
        List<Span> spans = segments.stream().map(s -> span(s.start(), s.end())).toList();
        List<Span> pauses = new ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            double start = segments.get(i - 1).end();
            double end = segments.get(i).start();
            if (end - start >= longPause) {
                pauses.add(span(start, end));
            }
        }
        double threshold = voice.threshold();
        double[] voiced = pitch.pitches(time -> segments.stream().anyMatch(s -> time >= s.start() && time <= s.end()));
        Arrays.sort(voiced);
        AnalysisReport.Pitch pitchSummary = voiced.length == 0
                ? new AnalysisReport.Pitch("yin", 0, null, null, null)
                : new AnalysisReport.Pitch("yin", voiced.length, round(LoudnessMeter.percentile(voiced, 0.5), 2),
                        round(LoudnessMeter.percentile(voiced, 0.05), 2), round(LoudnessMeter.percentile(voiced, 0.95), 2));
        int words = text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
        Double wpm = speech > 0 ? round(words / (speech / 60.0), 1) : null;
        return new AnalysisReport(ANALYSER, contentType, round(duration, 3), rate, channels,
                new AnalysisReport.Loudness(round(loudness.integrated(), 2), round(loudness.range(), 2),
                        round(loudness.samplePeak(), 2)),
                new AnalysisReport.VoiceActivitySummary(round(speech, 3),
                        duration > 0 ? round(Math.max(0, 1 - speech / duration), 4) : 1.0, round(threshold, 1), spans, pauses),
                pitchSummary, new AnalysisReport.SpeakingRate(words, wpm), transcript);
    }

    private static AnalysisReport.Transcript transcribe(SpeechRecognizer recognizer, Path pcm, String text)
            throws IOException, InterruptedException {
        try {
            String heard = recognizer.transcribe(pcm);
            Double wer = WordErrorRate.of(text, heard);
            return new AnalysisReport.Transcript(recognizer.engine(), heard, wer == null ? null : round(wer, 4), null);
        } catch (SpeechRecognizer.Failed e) {
            return AnalysisReport.Transcript.none(e.getMessage());
        }
    }

    private static Span span(double start, double end) {
        return new Span(round(start, 3), round(end, 3), round(end - start, 3));
    }

    private static Double round(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * The decoder is chosen by the format recognised from the file's first bytes, not by asking every
     * installed reader (some claim files that are not theirs), and its output converted to PCM.
     */
    private static AudioInputStream open(InputStream in, String contentType) throws UnsupportedAudioFileException,
            IOException, UnreadableAudio {
        switch (contentType) {
            case "audio/flac": {
                AudioInputStream flac = new FlacAudioFileReader().getAudioInputStream(in);
                return new FlacFormatConversionProvider().getAudioInputStream(pcm16(flac.getFormat()), flac);
            }
            case "audio/mpeg": {
                AudioInputStream mp3 = new MpegAudioFileReader().getAudioInputStream(in);
                return new MpegFormatConversionProvider().getAudioInputStream(pcm16(mp3.getFormat()), mp3);
            }
            case "audio/ogg": {
                AudioInputStream ogg = new VorbisAudioFileReader().getAudioInputStream(in);
                return new VorbisFormatConversionProvider().getAudioInputStream(pcm16(ogg.getFormat()), ogg);
            }
            default:
                return WavHeader.open(in);
        }
    }

    private static AudioFormat pcm16(AudioFormat source) {
        float rate = source.getSampleRate();
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, source.getChannels(),
                source.getChannels() * 2, rate, false);
    }

    /** Turns interleaved PCM bytes (8 to 32 bits, integer or float, either byte order) into floats in [-1, 1]. */
    private static final class SampleReader {
        private final int channels;
        private final int bytesPerSample;
        private final boolean bigEndian;
        private final boolean signed;
        private final boolean floating;

        SampleReader(AudioFormat format) {
            this.channels = format.getChannels();
            this.bytesPerSample = format.getSampleSizeInBits() > 0 ? (format.getSampleSizeInBits() + 7) / 8
                    : format.getFrameSize() / Math.max(1, channels);
            this.bigEndian = format.isBigEndian();
            this.signed = !format.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
            this.floating = format.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
            if (bytesPerSample < 1 || bytesPerSample > 4 || floating && bytesPerSample != 4) {
                throw new IllegalArgumentException("unsupported sample size " + format.getSampleSizeInBits() + " bits");
            }
        }

        int read(AudioInputStream stream, byte[] bytes, float[][] out) throws IOException {
            int frameSize = bytesPerSample * channels;
            int wanted = Math.min(bytes.length / frameSize, out[0].length) * frameSize;
            int total = 0;
            while (total < wanted) {
                int n = stream.read(bytes, total, wanted - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            int frames = total / frameSize;
            int offset = 0;
            for (int f = 0; f < frames; f++) {
                for (int c = 0; c < channels; c++) {
                    out[c][f] = sample(bytes, offset);
                    offset += bytesPerSample;
                }
            }
            return frames;
        }

        private float sample(byte[] bytes, int offset) {
            int value = 0;
            for (int i = 0; i < bytesPerSample; i++) {
                int b = bytes[offset + (bigEndian ? i : bytesPerSample - 1 - i)] & 0xFF;
                value = (value << 8) | b;
            }
            if (floating) {
                return Float.intBitsToFloat(value);
            }
            int bits = bytesPerSample * 8;
            double full = 1L << (bits - 1);
            if (signed) {
                value = (value << (32 - bits)) >> (32 - bits);
                return (float) (value / full);
            }
            return (float) ((value - full) / full);
        }
    }
}
