package io.lecturevision.vision.service;

import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.vision.Photo;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.UpscaleModel;
import io.lecturevision.vision.inference.Upscaler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The upscaling jobs: photos in the database, taken by a bounded pool of workers with
 * {@code FOR UPDATE SKIP LOCKED}. A taken job holds a lease; one whose lease ran out (its instance
 * died) is taken again, at most {@code maxAttempts} times, then failed with the reason.
 */
@ApplicationScoped
public class PhotoJobs {

    private static final Logger LOG = Logger.getLogger(PhotoJobs.class);

    private final VisionConfig.Jobs config;
    private final Upscaler upscaler;
    private final ObjectStorage storage;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private ExecutorService workers;
    private volatile boolean running;

    public PhotoJobs(VisionConfig config, Upscaler upscaler, ObjectStorage storage, Clock clock) {
        this.config = config.jobs();
        this.upscaler = upscaler;
        this.storage = storage;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        workers = Executors.newFixedThreadPool(config.workers(), runnable -> {
            Thread thread = new Thread(runnable, "photo-job-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < config.workers(); i++) {
            workers.submit(this::work);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** A job was queued: an idle worker looks now instead of at its next poll. */
    public void wake() {
        wakeUp.release();
    }

    private void work() {
        while (running) {
            try {
                Optional<Job> job = claim();
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Photo job worker failed; carrying on", e);
            }
        }
    }

    /** The job a worker took: the attempt number fences its result against a later taker. */
    record Job(UUID id, int attempt, String originalKey, UpscaleModel model) {
    }

    Optional<Job> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            @SuppressWarnings("unchecked")
            var ids = (java.util.List<UUID>) Photo.getEntityManager().createNativeQuery("""
                    SELECT id FROM photo
                    WHERE status = 'queued' OR (status = 'processing' AND lease_until < :now)
                    ORDER BY created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED""", UUID.class).setParameter("now", now).getResultList();
            if (ids.isEmpty()) {
                return Optional.<Job>empty();
            }
            Photo photo = Photo.findById(ids.get(0), LockModeType.NONE);
            if (photo.attempts >= config.maxAttempts()) {
                photo.changeStatus(Photo.FAILED, "Gave up after " + photo.attempts
                        + " attempts: the worker holding the job stopped before finishing");
                photo.completedAt = now;
                photo.leaseUntil = null;
                LOG.warnf("Photo %s failed: %s", photo.id, photo.failureReason);
                return Optional.<Job>empty();
            }
            photo.attempts++;
            if (!Photo.PROCESSING.equals(photo.status)) {
                photo.changeStatus(Photo.PROCESSING, null);
            }
            photo.leaseUntil = now.plus(config.lease());
            photo.startedAt = now;
            return Optional.of(new Job(photo.id, photo.attempts, photo.originalKey,
                    UpscaleModel.byId(photo.model).orElse(UpscaleModel.BICUBIC)));
        });
    }

    private void run(Job job) {
        long started = System.nanoTime();
        String upscaledKey = "upscaled/" + job.id() + ".jpg";
        Path output = null;
        try {
            BufferedImage original;
            try (InputStream in = storage.get(job.originalKey(), null)) {
                // Buffered in memory: ImageIO.read(InputStream) would first copy the object into a temporary file.
                original = ImageIO.read(new MemoryCacheImageInputStream(in));
            }
            if (original == null) {
                throw new IOException("the stored original cannot be decoded");
            }
            long inferenceStarted = System.nanoTime();
            BufferedImage upscaled = upscaler.upscale(original, job.model());
            long inferenceMs = (System.nanoTime() - inferenceStarted) / 1_000_000;
            output = Files.createTempFile("lv-upscaled-", ".jpg");
            writeJpeg(upscaled, output);
            storage.put(upscaledKey, "image/jpeg", output);
            boolean recorded = finish(job, Photo.COMPLETED, null, upscaledKey, inferenceMs);
            if (!recorded) {
                storage.delete(upscaledKey);
            }
            LOG.infof("Photo %s upscaled by %s x%d: %dx%d -> %dx%d, model %d ms, job %d ms", job.id(), job.model().id(),
                    upscaler.scale(), original.getWidth(), original.getHeight(), upscaled.getWidth(),
                    upscaled.getHeight(), inferenceMs, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception | OutOfMemoryError e) {
            LOG.errorf(e, "Photo %s failed with %s", job.id(), job.model().id());
            finish(job, Photo.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** Records the outcome unless the job was deleted or taken over by another worker meanwhile. */
    private boolean finish(Job job, String status, String reason, String upscaledKey, Long inferenceMs) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Photo photo = Photo.findById(job.id(), LockModeType.PESSIMISTIC_WRITE);
            if (photo == null || !Photo.PROCESSING.equals(photo.status) || photo.attempts != job.attempt()) {
                LOG.infof("Photo %s: outcome of attempt %d dropped (deleted or taken over)", job.id(), job.attempt());
                return false;
            }
            photo.changeStatus(status, reason == null ? null : reason.substring(0, Math.min(1000, reason.length())));
            photo.upscaledKey = upscaledKey;
            photo.inferenceMs = inferenceMs;
            photo.leaseUntil = null;
            photo.completedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return true;
        });
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
