package io.lecturevision.video.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "lv.video")
public interface VideoConfig {

    /**
     * Largest video accepted through the service (multipart); larger ones use a presigned upload.
     * The HTTP body limit is derived from it (application.properties).
     */
    @WithDefault("2G")
    MemorySize maxUpload();

    /** Largest video a presigned upload may announce. */
    @WithDefault("21474836480")
    long maxPresignedBytes();

    @WithDefault("1h")
    Duration presignedUploadTtl();

    /** Points for a user's first stream of a video (seed 001). */
    @WithDefault("10")
    int pointsPerFirstView();
}
