package io.lecturevision.upload.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.error.RequestValidationException;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.image.ImageHeader;
import io.lecturevision.common.security.Caller;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.LectureImageUploaded;
import io.lecturevision.common.storage.ClientFileNames;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.upload.Upload;
import io.lecturevision.upload.config.UploadConfig;
import io.lecturevision.upload.service.SignatureVerifier.SignedUpload;
import io.lecturevision.upload.service.SignatureVerifier.VerifiedSignature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Seed 000's upload: checks in order (count, key, size, signature, type, pixels), claims the
 * Idempotency-Key, stores the image under a generated name, then writes the row, its
 * {@code lecture-image.uploaded} event, the idempotent response and the signature's single use in
 * one transaction.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final UploadConfig config;
    private final UploadClientService clients;
    private final SignatureVerifier signatures;
    private final UsedSignatures usedSignatures;
    private final IdempotencyService idempotency;
    private final ObjectStorage storage;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public UploadService(UploadConfig config, UploadClientService clients, SignatureVerifier signatures,
                         UsedSignatures usedSignatures, IdempotencyService idempotency, ObjectStorage storage,
                         Outbox outbox, ObjectMapper mapper) {
        this.config = config;
        this.clients = clients;
        this.signatures = signatures;
        this.usedSignatures = usedSignatures;
        this.idempotency = idempotency;
        this.storage = storage;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public UploadOutcome upload(IncomingUpload request) {
        long startedAt = System.nanoTime();
        int peopleCount = parsePeopleCount(request.peopleCount());
        String key = request.idempotencyKey();
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("Missing Idempotency-Key header");
        }
        if (key.length() > 255) {
            throw ApiException.badRequest("Idempotency-Key is longer than 255 characters");
        }
        if (request.file() == null) {
            throw RequestValidationException.of("body", "file", "Field required", "missing");
        }
        if (request.size() > config.maxFileBytes()) {
            throw new ApiException(413, "File too large: the limit is " + config.maxFileBytes() + " bytes");
        }
        String sha256 = sha256(request.file());
        VerifiedSignature signature = signatures.verify(new SignedUpload(request.timestamp(), request.signature(), key,
                request.clientId(), request.peopleCount(), request.file(), sha256), clients.secretFor(request.clientId(), request.corporationId()));
        ImageHeader image = inspect(request.file());
        if (image.pixels() > config.maxPixels()) {
            throw new ApiException(422, "Image too large: " + image.width() + "x" + image.height()
                    + " pixels exceeds the limit of " + config.maxPixels());
        }
        String scope = request.ownerId() + ":" + (request.clientId() == null ? "default" : request.clientId());
        IdempotencyService.Claim claim = idempotency.claim(scope, key.trim(), sha256(peopleCount + ":" + sha256));
        if (!claim.owned()) {
            LOG.infof("Upload replayed for Idempotency-Key %s", key);
            return new UploadOutcome(claim.status(), claim.body(), true);
        }
        String objectKey = null;
        try {
            usedSignatures.refuseIfUsed(signature);
            UUID name = UUID.randomUUID();
            String storedName = name + "." + image.extension();
            objectKey = "uploads/" + DAY.format(Instant.now()) + "/" + storedName;
            storage.put(objectKey, image.contentType(), request.file());
            String storedKey = objectKey;
            UploadResponse response = QuarkusTransaction.requiringNew().call(() ->
                    store(request, scope, key.trim(), image, peopleCount, sha256, signature, storedName, storedKey));
            LOG.infof("Upload %d stored at %s: people_count=%d, %d bytes, %dx%d, latency %d ms", response.id(),
                    response.uploadedAt(), peopleCount, request.size(), image.width(), image.height(),
                    (System.nanoTime() - startedAt) / 1_000_000);
            return new UploadOutcome(200, json(response), false);
        } catch (RuntimeException e) {
            idempotency.release(scope, key.trim());
            if (objectKey != null) {
                deleteQuietly(objectKey);
            }
            throw e;
        }
    }

    /**
     * Newest first, what the caller may see: a platform admin all, an admin its corporation's, a member its own.
     * A projection of the listed columns, read-only: no managed entities to hydrate, snapshot and flush-check.
     */
    public List<UploadResponse> list(Caller caller, int skip, int limit) {
        Sort newestFirst = Sort.by("uploadedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);
        var query = caller.platformAdmin() ? Upload.<Upload>findAll(newestFirst)
                : caller.corporationId() == null
                ? (caller.admin() ? Upload.<Upload>find("corporationId is null", newestFirst)
                        : Upload.<Upload>find("corporationId is null and ownerId = ?1", newestFirst, caller.userId()))
                : (caller.admin() ? Upload.<Upload>find("corporationId = ?1", newestFirst, caller.corporationId())
                        : Upload.<Upload>find("corporationId = ?1 and ownerId = ?2", newestFirst, caller.corporationId(),
                        caller.userId()));
        return query.project(UploadListRow.class).range(skip, skip + limit - 1).list().stream()
                .map(row -> row.response(storage.location(row.objectKey()))).toList();
    }

    /** An upload the caller may use (see {@link Caller#mayUse}); 404 for anyone else, as for one that is not there. */
    public Upload get(long id, Caller caller) {
        Upload upload = Upload.findById(id);
        if (upload == null || !caller.mayUse(upload.ownerId, upload.corporationId)) {
            throw ApiException.notFound("Upload not found");
        }
        return upload;
    }

    public String location(Upload upload) {
        return storage.location(upload.objectKey);
    }

    private UploadResponse store(IncomingUpload request, String scope, String key, ImageHeader image, int peopleCount,
                                 String sha256, VerifiedSignature signature, String storedName, String objectKey) {
        usedSignatures.use(signature);
        Upload upload = new Upload();
        upload.ownerId = request.ownerId();
        upload.clientId = request.clientId();
        upload.corporationId = request.corporationId();
        upload.originalName = ClientFileNames.forDisplay(request.originalName(), "upload", 255);
        upload.storedName = storedName;
        upload.objectKey = objectKey;
        upload.contentType = image.contentType();
        upload.sizeBytes = request.size();
        upload.width = image.width();
        upload.height = image.height();
        upload.sha256 = sha256;
        upload.peopleCount = peopleCount;
        upload.countStatus = Upload.PENDING;
        upload.uploadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        upload.persistAndFlush();
        outbox.emit(Contracts.LECTURE_IMAGE_UPLOADED, upload.id.toString(), new LectureImageUploaded(
                upload.id, upload.ownerId, storage.bucket(), objectKey, upload.contentType, upload.width, upload.height,
                upload.sizeBytes, sha256, peopleCount, upload.uploadedAt,
                storage.presignGet(objectKey, config.presignedUrlTtl()).toString()));
        UploadResponse response = UploadResponse.of(upload, storage.location(objectKey));
        idempotency.complete(scope, key, 200, json(response));
        return response;
    }

    private static int parsePeopleCount(String raw) {
        if (raw == null || raw.isBlank()) {
            throw RequestValidationException.of("body", "people_count", "Field required", "missing");
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < 0) {
                throw RequestValidationException.of("body", "people_count", "Input should be greater than or equal to 0",
                        "greater_than_equal");
            }
            return value;
        } catch (NumberFormatException e) {
            throw RequestValidationException.of("body", "people_count",
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        }
    }

    private static ImageHeader inspect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ImageHeader.read(in).orElseThrow(() ->
                    new ApiException(415, "Only JPEG and PNG images are accepted (checked by content, not by name or type)"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
    }

    private String json(UploadResponse response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deleteQuietly(String objectKey) {
        try {
            storage.delete(objectKey);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete %s after a failed upload: %s", objectKey, e.getMessage());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
