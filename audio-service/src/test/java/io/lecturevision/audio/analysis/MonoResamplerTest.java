package io.lecturevision.audio.analysis;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonoResamplerTest {

    /** {@code seconds} of a sine at {@code frequency} and {@code rate} on {@code channels} channels, resampled, as 16 kHz samples. */
    private static short[] resample(int rate, int channels, double frequency, double seconds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MonoResampler resampler = new MonoResampler(rate, out);
        int total = (int) (rate * seconds);
        int block = 1000;
        for (int start = 0; start < total; start += block) {
            int frames = Math.min(block, total - start);
            float[][] samples = new float[channels][frames];
            for (int f = 0; f < frames; f++) {
                for (int c = 0; c < channels; c++) {
                    samples[c][f] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * (start + f) / rate));
                }
            }
            resampler.accept(samples, frames);
        }
        resampler.finish();
        byte[] bytes = out.toByteArray();
        short[] pcm = new short[bytes.length / 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return pcm;
    }

    /** RMS in dBFS of the middle of the signal, away from the filter's edges. */
    private static double rmsDb(short[] pcm) {
        double sum = 0;
        int from = pcm.length / 4;
        int to = pcm.length * 3 / 4;
        for (int i = from; i < to; i++) {
            sum += (pcm[i] / 32768.0) * (pcm[i] / 32768.0);
        }
        return 10 * Math.log10(sum / (to - from));
    }

    private static int zeroCrossings(short[] pcm) {
        int crossings = 0;
        for (int i = 1; i < pcm.length; i++) {
            if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    @Test
    void aToneInTheSpeechBandKeepsItsLevelFrequencyAndLength() throws Exception {
        for (int rate : new int[] {48_000, 44_100, 22_050, 16_000, 8_000}) {
            short[] pcm = resample(rate, 2, 1000, 2);
            assertEquals(32_000, pcm.length, 1, "samples at 16 kHz from " + rate);
            // A 0.5 amplitude sine is -9.03 dBFS RMS.
            assertEquals(-9.03, rmsDb(pcm), 0.1, "level from " + rate);
            assertEquals(4000, zeroCrossings(pcm), 4, "1 kHz from " + rate);
        }
    }

    @Test
    void toneAboveTheNewNyquistIsFilteredOutNotFoldedIn() throws Exception {
        // 11 kHz at 48 kHz would alias to 5 kHz at 16 kHz without the low-pass (measured: -87 dBFS;
        // 10 kHz at 44.1 kHz, -84 dBFS).
        double at48 = rmsDb(resample(48_000, 1, 11_000, 2));
        assertTrue(at48 < -70, at48 + " dBFS");
        double at44 = rmsDb(resample(44_100, 1, 10_000, 2));
        assertTrue(at44 < -70, at44 + " dBFS");
    }
}
