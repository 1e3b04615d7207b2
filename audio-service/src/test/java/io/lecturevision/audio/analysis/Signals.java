package io.lecturevision.audio.analysis;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test signals (EBU Tech 3341 style): sines at a peak level in dBFS and digital silence, written as 16-bit WAV. */
public final class Signals {

    private final int rate;
    private final int channels;
    private final List<double[]> parts = new ArrayList<>();

    private Signals(int rate, int channels) {
        this.rate = rate;
        this.channels = channels;
    }

    public static Signals of(int rate, int channels) {
        return new Signals(rate, channels);
    }

    /** A sine of {@code hz} whose peak is {@code dbfs} dB below full scale, on every channel. */
    public Signals sine(double hz, double dbfs, double seconds) {
        double amplitude = Math.pow(10, dbfs / 20);
        double[] samples = new double[(int) Math.round(seconds * rate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        parts.add(samples);
        return this;
    }

    public Signals silence(double seconds) {
        parts.add(new double[(int) Math.round(seconds * rate)]);
        return this;
    }

    public byte[] wav() {
        int frames = parts.stream().mapToInt(p -> p.length).sum();
        byte[] pcm = new byte[frames * channels * 2];
        int offset = 0;
        for (double[] part : parts) {
            for (double sample : part) {
                int value = (int) Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
                for (int c = 0; c < channels; c++) {
                    pcm[offset++] = (byte) value;
                    pcm[offset++] = (byte) (value >> 8);
                }
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
