package io.lecturevision.video.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Caller;
import io.lecturevision.common.storage.ByteRange;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.storage.StoredObject;
import io.lecturevision.video.Video;
import io.lecturevision.video.config.VideoConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Videos of a corporation: its admins manage them, its members watch them. */
@ApplicationScoped
public class VideoService {

    /** Why an account of no corporation is refused (403): videos belong to corporations. */
    public static final String MEMBERS_ONLY = "Videos belong to corporations: this account is not a member of one";
    private static final Logger LOG = Logger.getLogger(VideoService.class);

    private final ObjectStorage storage;
    private final PlanService plans;
    private final VideoConfig config;

    public VideoService(ObjectStorage storage, PlanService plans, VideoConfig config) {
        this.storage = storage;
        this.plans = plans;
        this.config = config;
    }

    public record PresignedUpload(Video video, URI uploadUrl, Instant expiresAt) {
    }

    /** Stores a file received through the service (already on local disk, streamed to S3 from there). */
    public Video createFromFile(Caller caller, String name, Path file, long size) {
        caller.requireAdmin("add videos");
        if (size <= 0) {
            throw new ApiException(422, "The video file is empty");
        }
        long limit = config.maxUpload().asLongValue();
        if (size > limit) {
            throw new ApiException(413, "Video too large for a direct upload (limit " + limit
                    + " bytes): ask for a presigned upload instead");
        }
        String contentType = detect(file);
        String key = objectKey(caller, contentType);
        storage.put(key, contentType, file);
        try {
            return persist(caller, name, key, contentType, size, storage.head(key).map(StoredObject::eTag).orElse(null),
                    Video.READY);
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
    }

    /** A large file goes straight to S3: a pending video and a presigned PUT URL. */
    public PresignedUpload createPresigned(Caller caller, String name, String contentType, long size) {
        caller.requireAdmin("add videos");
        if (!contentType.startsWith("video/")) {
            throw new ApiException(415, "Only video content types can be uploaded");
        }
        if (size <= 0 || size > config.maxPresignedBytes()) {
            throw new ApiException(422, "size must be between 1 and " + config.maxPresignedBytes() + " bytes");
        }
        String key = objectKey(caller, contentType);
        Video video = persist(caller, name, key, contentType, size, null, Video.PENDING);
        Instant expiresAt = Instant.now().plus(config.presignedUploadTtl());
        return new PresignedUpload(video, storage.presignPut(incomingKey(key), contentType, config.presignedUploadTtl()),
                expiresAt);
    }

    /**
     * After a presigned PUT: copies the object from the key the URL can write to the video's own key,
     * which no URL can write, then checks the copy (the bytes that will be served) against the
     * announced size and by content, and only then makes the video visible. The copy of up to
     * {@code maxPresignedBytes} runs between two short transactions, never inside one: a copy that
     * outlasted the transaction timeout left the video pending with its upload already gone.
     */
    public Video completePresigned(Caller caller, long id) {
        Video pending = QuarkusTransaction.requiringNew().call(() -> {
            Video video = find(caller, id, true);
            caller.requireAdmin("add videos");
            return video;
        });
        if (Video.READY.equals(pending.status)) {
            return pending;
        }
        StoredObject stored = moveAndCheck(pending);
        return QuarkusTransaction.requiringNew().call(() -> {
            Video video = find(caller, id, true);
            if (!Video.READY.equals(video.status)) {
                video.contentType = stored.contentType();
                video.etag = stored.eTag();
                video.status = Video.READY;
                video.updatedAt = now();
                LOG.infof("Video %d uploaded by presigned URL: %d bytes, %s", id, stored.size(), stored.contentType());
            }
            return video;
        });
    }

    /** The presigned upload moved to the video's own key and checked; what was checked, with the detected type. */
    private StoredObject moveAndCheck(Video video) {
        String incoming = incomingKey(video.objectKey);
        storage.head(incoming).orElseThrow(() -> new ApiException(409, "The video has not been uploaded to its URL yet"));
        storage.copy(incoming, video.objectKey);
        storage.delete(incoming);
        StoredObject stored = storage.head(video.objectKey).orElseThrow(() ->
                new IllegalStateException("the copied video " + video.objectKey + " is missing"));
        if (stored.size() != video.sizeBytes) {
            storage.delete(video.objectKey);
            throw new ApiException(422, "The uploaded file has " + stored.size() + " bytes, not the announced "
                    + video.sizeBytes + "; it was removed: upload it again to a new URL");
        }
        byte[] head;
        try (InputStream in = storage.get(video.objectKey, new ByteRange(0, Math.min(stored.size(), VideoFormats.SNIFF_BYTES) - 1))) {
            head = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded video", e);
        }
        String detected = VideoFormats.detect(head).orElse(null);
        if (detected == null) {
            storage.delete(video.objectKey);
            throw new ApiException(415, "The uploaded file is not a video (checked by content); it was removed");
        }
        return new StoredObject(stored.key(), stored.size(), detected, stored.eTag());
    }

    /** Where a presigned PUT writes: never the key the video is served from. */
    private static String incomingKey(String objectKey) {
        return "incoming/" + objectKey;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Video> list(Caller caller, int skip, int limit) {
        return Video.<Video>find("corporationId = ?1 and deleted = false and status = ?2",
                        Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending),
                        caller.corporationId(), Video.READY)
                .range(skip, skip + limit - 1).list();
    }

    /** A video of the caller's corporation; 404 for another corporation's or a deleted one (unless asked). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Video find(Caller caller, long id, boolean includeHidden) {
        Video video = Video.findById(id);
        if (video == null || !video.corporationId.equals(caller.corporationId())
                || (!includeHidden && (video.deleted || !Video.READY.equals(video.status)))) {
            throw ApiException.notFound("Video not found");
        }
        return video;
    }

    @Transactional
    public Video rename(Caller caller, long id, String name) {
        Video video = find(caller, id, false);
        caller.requireAdmin("change videos");
        video.name = name.trim();
        video.updatedAt = now();
        return video;
    }

    /** Soft delete: hidden from lists and streams, the file kept for a paid restore. */
    @Transactional
    public void softDelete(Caller caller, long id) {
        Video video = find(caller, id, false);
        caller.requireAdmin("delete videos");
        video.deleted = true;
        video.updatedAt = now();
        LOG.infof("Video %d soft-deleted by %s", id, caller.userId());
    }

    @Transactional
    public Video restore(Caller caller, long id) {
        Video video = find(caller, id, true);
        caller.requireAdmin("restore videos");
        if (!video.deleted) {
            return video;
        }
        plans.restoreRefusal(caller.corporationId(), Instant.now()).ifPresent(reason -> {
            throw ApiException.forbidden(reason);
        });
        video.deleted = false;
        video.updatedAt = now();
        LOG.infof("Video %d restored by %s", id, caller.userId());
        return video;
    }

    private Video persist(Caller caller, String name, String key, String contentType, long size, String etag,
                          String status) {
        return QuarkusTransaction.requiringNew().call(() -> insert(caller, name, key, contentType, size, etag, status));
    }

    private static Video insert(Caller caller, String name, String key, String contentType, long size, String etag,
                                String status) {
        Video video = new Video();
        video.name = name.trim();
        video.objectKey = key;
        video.contentType = contentType;
        video.sizeBytes = size;
        video.etag = etag;
        video.corporationId = caller.corporationId();
        video.status = status;
        video.deleted = false;
        video.createdBy = caller.userId();
        video.createdAt = now();
        video.updatedAt = video.createdAt;
        video.persist();
        LOG.infof("Video %d (%s, %s, %d bytes) added to corporation %s by %s", video.id, video.name, contentType, size,
                caller.corporationId(), caller.userId());
        return video;
    }

    private static String detect(Path file) {
        byte[] head = new byte[VideoFormats.SNIFF_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
        return VideoFormats.detect(java.util.Arrays.copyOf(head, read)).orElseThrow(() ->
                new ApiException(415, "Only video files are accepted (MP4, QuickTime, WebM/Matroska, AVI, MPEG; checked by content)"));
    }

    private static String objectKey(Caller caller, String contentType) {
        String extension = switch (contentType) {
            case "video/quicktime" -> "mov";
            case "video/webm" -> "webm";
            case "video/x-matroska" -> "mkv";
            case "video/x-msvideo" -> "avi";
            case "video/mpeg" -> "mpg";
            case "video/mp2t" -> "ts";
            case "video/3gpp" -> "3gp";
            default -> "mp4";
        };
        return "videos/" + caller.corporationId() + "/" + UUID.randomUUID() + "." + extension;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
