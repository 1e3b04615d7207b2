package io.lecturevision.upload.service;

import java.nio.file.Path;
import java.util.UUID;

/** One POST /upload as received: the file is already on local disk, nothing trusted yet. */
public record IncomingUpload(String ownerId, UUID corporationId, UUID clientId, String idempotencyKey, String timestamp, String signature,
                             Path file, long size, String originalName, String peopleCount) {
}
