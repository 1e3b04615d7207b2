package io.lecturevision.audio.analysis;

/** A second-order IIR section (direct form I), normalised so that a0 = 1. */
final class Biquad {

    private final double b0, b1, b2, a1, a2;
    private double x1, x2, y1, y2;

    Biquad(double b0, double b1, double b2, double a1, double a2) {
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.a1 = a1;
        this.a2 = a2;
    }

    double process(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }

    /**
     * Stage 1 of the BS.1770 K-weighting (the head's high shelf), for any sample rate: the analogue
     * prototype behind the recommendation's 48 kHz coefficients, through the bilinear transform.
     */
    static Biquad kWeightingShelf(double sampleRate) {
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10.0, gainDb / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / q + k * k;
        return new Biquad((vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0);
    }

    /** Stage 2 of the K-weighting: the RLB high-pass. */
    static Biquad kWeightingHighPass(double sampleRate) {
        double f0 = 38.13547087602444;
        double q = 0.5003270373238773;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double a0 = 1.0 + k / q + k * k;
        return new Biquad(1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0);
    }

    /** A Butterworth low-pass (Q = 1/√2), for decimation. */
    static Biquad lowPass(double sampleRate, double cutoff) {
        double k = Math.tan(Math.PI * cutoff / sampleRate);
        double q = Math.sqrt(0.5);
        double norm = 1.0 / (1.0 + k / q + k * k);
        double b0 = k * k * norm;
        return new Biquad(b0, 2.0 * b0, b0, 2.0 * (k * k - 1.0) * norm, (1.0 - k / q + k * k) * norm);
    }
}
