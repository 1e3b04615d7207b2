package io.lecturevision.vision.inference;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The upscalers a request may name; each ESRGAN one comes from its own npm package. */
public enum UpscaleModel {
    /** RDN, 4.4 MB package: takes pixels in [0, 255]. */
    SLIM("esrgan-slim", 255f),
    /** RDN, 11 MB package. */
    MEDIUM("esrgan-medium", 255f),
    /** RRDN, 110 MB package: takes pixels in [0, 1]. */
    THICK("esrgan-thick", 1f),
    /** Classical fallback: needs no model. */
    BICUBIC(null, 0f);

    private final String packageDir;
    private final float pixelRange;

    UpscaleModel(String packageDir, float pixelRange) {
        this.packageDir = packageDir;
        this.pixelRange = pixelRange;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The folder {@code vision-service/models/fetch} unpacked the package into, none for bicubic. */
    public Optional<String> packageDir() {
        return Optional.ofNullable(packageDir);
    }

    public float pixelRange() {
        return pixelRange;
    }

    public static Optional<UpscaleModel> byId(String id) {
        return Arrays.stream(values()).filter(model -> model.id().equals(id)).findFirst();
    }
}
