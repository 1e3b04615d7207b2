package io.lecturevision.upload.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.upload.UploadClient;
import io.lecturevision.upload.config.UploadConfig;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Upload clients (cameras) and the secret a request is signed with. */
@ApplicationScoped
@Transactional
public class UploadClientService {

    private static final Logger LOG = Logger.getLogger(UploadClientService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretCipher cipher;
    private final UploadConfig config;

    public UploadClientService(SecretCipher cipher, UploadConfig config) {
        this.cipher = cipher;
        this.config = config;
    }

    public record IssuedSecret(UploadClient client, String secret) {
    }

    public IssuedSecret create(String name, String createdBy) {
        UploadClient client = new UploadClient();
        client.id = UUID.randomUUID();
        client.name = name.trim();
        client.active = true;
        client.createdBy = createdBy;
        client.createdAt = Instant.now();
        String secret = newSecret();
        client.secretEncrypted = cipher.encrypt(secret);
        client.persist();
        LOG.infof("Upload client %s (%s) created by %s", client.id, client.name, createdBy);
        return new IssuedSecret(client, secret);
    }

    public IssuedSecret rotate(UUID id) {
        UploadClient client = activeClient(id);
        String secret = newSecret();
        client.secretEncrypted = cipher.encrypt(secret);
        client.rotatedAt = Instant.now();
        LOG.infof("Upload client %s secret rotated", id);
        return new IssuedSecret(client, secret);
    }

    public void deactivate(UUID id) {
        activeClient(id).active = false;
        LOG.infof("Upload client %s deactivated", id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UploadClient> list() {
        return UploadClient.listAll(Sort.by("createdAt"));
    }

    /** The secret that must have signed a request naming {@code clientId} (null: seed 000's shared secret). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String secretFor(UUID clientId) {
        if (clientId == null) {
            return config.defaultHmacSecret().filter(secret -> !secret.isBlank()).orElseThrow(() ->
                    ApiException.unauthorized("No shared signing secret is configured: send X-Client-Id"));
        }
        UploadClient client = UploadClient.findById(clientId);
        if (client == null || !client.active) {
            throw ApiException.unauthorized("Unknown or inactive upload client");
        }
        return cipher.decrypt(client.secretEncrypted);
    }

    private static UploadClient activeClient(UUID id) {
        UploadClient client = UploadClient.findById(id);
        if (client == null || !client.active) {
            throw ApiException.notFound("Upload client not found");
        }
        return client;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
