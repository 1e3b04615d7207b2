package io.lecturevision.common.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "lv.storage")
public interface StorageConfig {

    /** The service's own bucket. */
    String bucket();

    /** Lifetime of presigned GET URLs unless the caller asks for another. */
    @WithDefault("15m")
    Duration presignTtl();
}
