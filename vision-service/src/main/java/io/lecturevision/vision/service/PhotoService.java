package io.lecturevision.vision.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.image.ImageHeader;
import io.lecturevision.common.error.RequestValidationException;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.vision.Photo;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.Sharpness;
import io.lecturevision.vision.inference.UpscaleModel;
import io.lecturevision.vision.inference.Upscaler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 002's photos. Every photo belongs to the user who sent it: {@link #owned} is the one place
 * that decides who may see one, and anybody else gets the same 404 as for a photo that does not exist.
 */
@ApplicationScoped
public class PhotoService {

    private static final Logger LOG = Logger.getLogger(PhotoService.class);

    private final VisionConfig.Upscale config;
    private final Upscaler upscaler;
    private final Sharpness sharpness;
    private final ObjectStorage storage;
    private final PhotoJobs jobs;
    private final Clock clock;

    public PhotoService(VisionConfig config, Upscaler upscaler, Sharpness sharpness, ObjectStorage storage,
                        PhotoJobs jobs, Clock clock) {
        this.config = config.upscale();
        this.upscaler = upscaler;
        this.sharpness = sharpness;
        this.storage = storage;
        this.jobs = jobs;
        this.clock = clock;
    }

    public record Caller(String userId, UUID corporationId) {
    }

    public Submitted upscale(Caller caller, IncomingImage file, String lat, String lng, String model) {
        UpscaleModel chosen = model(model);
        double latitude = coordinate("lat", lat, 90);
        double longitude = coordinate("lng", lng, 180);
        if (file == null) {
            throw RequestValidationException.of("body", "file", "Field required", "missing");
        }
        ImageHeader header = check(file);
        Photo photo = store(caller, file, header, chosen, latitude, longitude, null);
        return new Submitted("Upload successful, processing in background", photo.id, null, photo.model);
    }

    public Submitted bestCut(Caller caller, List<IncomingImage> files, String lat, String lng, String model) {
        UpscaleModel chosen = model(model);
        double latitude = coordinate("lat", lat, 90);
        double longitude = coordinate("lng", lng, 180);
        if (files.isEmpty()) {
            throw RequestValidationException.of("body", "files", "Field required", "missing");
        }
        List<ImageHeader> headers = files.stream().map(this::check).toList();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < files.size(); i++) {
            double score = sharpness.of(read(files.get(i)));
            LOG.debugf("Best cut candidate %s: sharpness %.2f", (Object) i, score);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        Photo photo = store(caller, files.get(best), headers.get(best), chosen, latitude, longitude, bestScore);
        return new Submitted("Best cut selected, processing in background", photo.id, bestScore, photo.model);
    }

    public List<Photo> list(Caller caller, int skip, int limit) {
        Sort newestFirst = Sort.by("createdAt", Sort.Direction.Descending).and("id");
        return Photo.<Photo>find("ownerId", newestFirst, caller.userId()).range(skip, skip + limit - 1).list();
    }

    public Photo owned(UUID id, Caller caller) {
        return Optional.ofNullable(Photo.<Photo>findById(id)).filter(photo -> photo.ownerId.equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("Photo not found"));
    }

    /** The stored object of {@code type} (upscaled or original) and its content type. */
    public StoredImage image(UUID id, Caller caller, String type) {
        Photo photo = owned(id, caller);
        return switch (type == null ? "upscaled" : type) {
            case "original" -> new StoredImage(photo.originalKey, photo.contentType);
            case "upscaled" -> {
                if (photo.upscaledKey == null) {
                    throw ApiException.notFound("Upscaled image not available: the photo is " + photo.status);
                }
                yield new StoredImage(photo.upscaledKey, "image/jpeg");
            }
            default -> throw RequestValidationException.of("query", "type", "Input should be 'upscaled' or 'original'",
                    "enum");
        };
    }

    public record StoredImage(String key, String contentType) {
    }

    public void delete(UUID id, Caller caller) {
        Photo photo = QuarkusTransaction.requiringNew().call(() -> {
            Photo owned = owned(id, caller);
            owned.delete();
            return owned;
        });
        storage.delete(photo.originalKey);
        if (photo.upscaledKey != null) {
            storage.delete(photo.upscaledKey);
        }
        LOG.infof("Photo %s deleted", id);
    }

    /** The photo's current status, as the caller may see it (checked on every read). */
    public StatusChange status(UUID id, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Photo photo = owned(id, caller);
            return new StatusChange(photo.id, photo.statusVersion, photo.status, photo.failureReason);
        });
    }

    private Photo store(Caller caller, IncomingImage file, ImageHeader header, UpscaleModel model, double latitude,
                        double longitude, Double score) {
        UUID id = UUID.randomUUID();
        String key = "originals/" + id + "." + header.extension();
        storage.put(key, header.contentType(), file.file());
        try {
            Photo photo = QuarkusTransaction.requiringNew().call(() -> {
                Photo created = new Photo();
                created.id = id;
                created.ownerId = caller.userId();
                created.corporationId = caller.corporationId();
                created.originalKey = key;
                created.contentType = header.contentType();
                created.width = header.width();
                created.height = header.height();
                created.status = Photo.QUEUED;
                created.statusVersion = 1;
                created.model = model.id();
                created.scale = upscaler.scale();
                created.latitude = latitude;
                created.longitude = longitude;
                created.sharpness = score;
                created.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                created.persist();
                return created;
            });
            jobs.wake();
            LOG.infof("Photo %s queued for %s: %dx%d %s, %d bytes", id, model.id(), header.width(), header.height(),
                    header.contentType(), file.size());
            return photo;
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
    }

    private UpscaleModel model(String requested) {
        String id = requested == null || requested.isBlank() ? config.defaultModel() : requested.trim();
        UpscaleModel model = UpscaleModel.byId(id).orElseThrow(() -> RequestValidationException.of("body", "model",
                "Input should be 'slim', 'medium', 'thick' or 'bicubic'", "enum"));
        upscaler.unavailableReason(model).ifPresent(reason -> {
            throw new ApiException(503, "Model " + model.id() + " is unavailable: " + reason);
        });
        return model;
    }

    private static double coordinate(String field, String value, double bound) {
        if (value == null || value.isBlank()) {
            return 0.0;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed) && Math.abs(parsed) <= bound) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            throw RequestValidationException.of("body", field, "Input should be a valid number", "float_parsing");
        }
        throw RequestValidationException.of("body", field, "Input should be between -" + (int) bound + " and "
                + (int) bound, "less_than_equal");
    }

    private ImageHeader check(IncomingImage file) {
        if (file.size() > config.maxFileBytes()) {
            throw new ApiException(413, "File too large: the limit is " + config.maxFileBytes() + " bytes");
        }
        ImageHeader header;
        try (InputStream in = Files.newInputStream(file.file())) {
            header = ImageHeader.read(in).orElseThrow(() -> new ApiException(415,
                    "Only JPEG and PNG images are accepted (checked by content, not by name or type)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header.pixels() > config.maxPixels()) {
            throw new ApiException(422, "Image too large: " + header.width() + "x" + header.height()
                    + " pixels exceeds the limit of " + config.maxPixels());
        }
        return header;
    }

    private static byte[] read(IncomingImage file) {
        try {
            return Files.readAllBytes(file.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
