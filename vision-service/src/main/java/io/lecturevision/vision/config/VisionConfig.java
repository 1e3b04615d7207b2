package io.lecturevision.vision.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "lv.vision")
public interface VisionConfig {

    /** Where {@code vision-service/models/fetch} unpacked the model packages ({@code $LV_STATE_DIR/models}). */
    Path modelsDir();

    /** {@code cpu} or {@code gpu} (the gpu Maven profile's native library and a CUDA device). */
    @WithDefault("cpu")
    String device();

    Upscale upscale();

    Jobs jobs();

    People people();

    Events events();

    interface Events {
        /** A photo's event stream sends a comment when nothing else was sent for this long. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    interface People {
        /**
         * A person counts from this detector score up. 0.3: mean error 2.1 on the benchmark's labelled
         * images against 6.2 at 0.2; from 0.4 the half-visible basketball player (0.31) is lost.
         */
        @WithDefault("0.3")
        float minScore();

        /** The image is also cut into grid × grid overlapping tiles (1: whole image only). */
        @WithDefault("2")
        int tileGrid();

        /** How much each tile is enlarged beyond its grid cell (0.25 = 25 %). */
        @WithDefault("0.25")
        double tileOverlap();

        /** A tile's detection this close (fraction of the tile) to an inner tile edge is a cut person: dropped. */
        @WithDefault("0.05")
        double tileEdgeMargin();

        @WithDefault("0.5")
        float iouThreshold();

        /** A box this much inside a better-scored one is the same person cut by a tile edge. */
        @WithDefault("0.7")
        float containment();

        /**
         * How long counting one upload (fetching the image, running the detector, writing the count)
         * may take before its transaction is rolled back and the event retried.
         */
        @WithDefault("10m")
        Duration timeout();
    }

    interface Upscale {
        /** slim, medium, thick or bicubic: what runs when a request names none. */
        @WithDefault("slim")
        String defaultModel();

        /** The ESRGAN models loaded at start (bicubic needs none). */
        @WithDefault("slim,medium,thick")
        java.util.List<String> models();

        /** 2, 3 or 4 (every package ships these). */
        @WithDefault("2")
        int scale();

        /** Input tile edge in pixels; tiles overlap by {@link #tileOverlap()} on each side. */
        @WithDefault("128")
        int tileSize();

        @WithDefault("12")
        int tileOverlap();

        /** Largest accepted image, read from the header before decoding. */
        @WithDefault("16000000")
        long maxPixels();

        @WithDefault("10485760")
        long maxFileBytes();
    }

    interface Jobs {
        /** Worker threads taking jobs (one model run at a time on 2 CPU cores is the measured best). */
        @WithDefault("1")
        int workers();

        /** A job left processing longer than this (an instance died) is taken again. */
        @WithDefault("10m")
        Duration lease();

        @WithDefault("3")
        int maxAttempts();

        /** How often idle workers look for queued jobs (they are also woken on each new job). */
        @WithDefault("2s")
        Duration pollInterval();
    }
}
