package io.lecturevision.vision.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.LectureImageUploaded;
import io.lecturevision.common.event.contract.PeopleCounted;
import io.lecturevision.vision.PeopleCountRecord;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.PeopleDetector;
import io.lecturevision.common.image.ImageHeader;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Counts the people on each classroom snapshot upload-service stores and answers with
 * {@code people.counted} through the outbox, in the consumer's transaction (so once per event).
 * An image that cannot be had or read is answered {@code failed}; a store that does not answer
 * throws, so the consumer retries.
 */
@ApplicationScoped
public class LectureImageUploadedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(LectureImageUploadedHandler.class);

    private final PeopleDetector detector;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final VisionConfig.Upscale limits;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public LectureImageUploadedHandler(PeopleDetector detector, Outbox outbox, ObjectMapper mapper, VisionConfig config,
                                       Clock clock) {
        this.detector = detector;
        this.outbox = outbox;
        this.mapper = mapper;
        this.limits = config.upscale();
        this.clock = clock;
        this.timeout = config.people().timeout();
    }

    @Override
    public String topic() {
        return Contracts.LECTURE_IMAGE_UPLOADED;
    }

    @Override
    public String name() {
        return "count-people";
    }

    @Override
    public Duration transactionTimeout() {
        return timeout;
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        LectureImageUploaded uploaded = mapper.treeToValue(event.data(), LectureImageUploaded.class);
        long started = System.nanoTime();
        PeopleCounted.Status status;
        // A later announcement of an upload already counted (another event id) is counted again and
        // replaces the stored count: the latest announcement of an upload is the one answered.
        PeopleCountRecord record = PeopleCountRecord.findById(uploaded.uploadId());
        if (record == null) {
            record = new PeopleCountRecord();
            record.uploadId = uploaded.uploadId();
        } else {
            LOG.infof("Upload %d was counted before; event %s counts it again", uploaded.uploadId(), event.id());
            record.count = null;
            record.detections = null;
            record.error = null;
        }
        record.model = PeopleDetector.MODEL;
        long fetchedNanos = 0;
        long decodedNanos = 0;
        long countMs = 0;
        try {
            byte[] bytes = fetch(uploaded);
            fetchedNanos = System.nanoTime();
            BufferedImage image = decode(bytes);
            decodedNanos = System.nanoTime();
            PeopleDetector.Count count = detector.count(image);
            countMs = count.inferenceMs();
            status = PeopleCounted.Status.DONE;
            record.count = count.count();
            record.detections = mapper.writeValueAsString(count.people());
        } catch (UnusableImageException e) {
            status = PeopleCounted.Status.FAILED;
            record.error = e.getMessage();
        }
        record.status = status.name().toLowerCase(Locale.ROOT);
        record.durationMs = (System.nanoTime() - started) / 1_000_000;
        record.countedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        record.persist();
        outbox.emit(Contracts.PEOPLE_COUNTED, Long.toString(uploaded.uploadId()), new PeopleCounted(uploaded.uploadId(),
                record.count, status, record.model, record.durationMs, record.error));
        if (status == PeopleCounted.Status.FAILED) {
            LOG.warnf("Upload %d not counted (camera said %d): %s", uploaded.uploadId(), uploaded.peopleCount(),
                    record.error);
            return;
        }
        LOG.infof("Upload %d: %d people (camera said %d) in %d ms: fetch %d ms, decode %d ms, count %d ms",
                uploaded.uploadId(), record.count, uploaded.peopleCount(), record.durationMs,
                (fetchedNanos - started) / 1_000_000, (decodedNanos - fetchedNanos) / 1_000_000, countMs);
    }

    /** The image's bytes through the event's presigned URL, after the size and pixel checks. */
    private byte[] fetch(LectureImageUploaded uploaded) throws IOException, InterruptedException {
        if (uploaded.imageUrl() == null) {
            throw new UnusableImageException("the event carries no imageUrl");
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(uploaded.imageUrl()))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 500) {
                throw new IOException("image store answered " + response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new UnusableImageException("image URL answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(Math.toIntExact(limits.maxFileBytes()) + 1);
            if (bytes.length > limits.maxFileBytes()) {
                throw new UnusableImageException("image larger than " + limits.maxFileBytes() + " bytes");
            }
            ImageHeader header = ImageHeader.read(new ByteArrayInputStream(bytes))
                    .orElseThrow(() -> new UnusableImageException("not a JPEG or PNG"));
            if (header.pixels() > limits.maxPixels()) {
                throw new UnusableImageException("image of " + header.width() + "x" + header.height()
                        + " pixels exceeds the limit of " + limits.maxPixels());
            }
            return bytes;
        }
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        // From memory: ImageIO.read(InputStream) would first copy the image into a temporary file.
        BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        if (image == null) {
            throw new UnusableImageException("the image cannot be decoded");
        }
        return image;
    }

    private static final class UnusableImageException extends IOException {
        UnusableImageException(String message) {
            super(message);
        }
    }
}
