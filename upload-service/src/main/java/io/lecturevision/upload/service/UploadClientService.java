package io.lecturevision.upload.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Caller;
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
import java.util.Objects;
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

    public IssuedSecret create(String name, Caller caller) {
        UploadClient client = new UploadClient();
        client.id = UUID.randomUUID();
        client.name = name.trim();
        client.active = true;
        client.createdBy = caller.userId();
        client.corporationId = caller.corporationId();
        client.createdAt = Instant.now();
        String secret = newSecret();
        client.secretEncrypted = cipher.encrypt(secret);
        client.persist();
        LOG.infof("Upload client %s (%s) of corporation %s created by %s", client.id, client.name, client.corporationId,
                caller.userId());
        return new IssuedSecret(client, secret);
    }

    public IssuedSecret rotate(UUID id, Caller caller) {
        UploadClient client = managedClient(id, caller);
        String secret = newSecret();
        client.secretEncrypted = cipher.encrypt(secret);
        client.rotatedAt = Instant.now();
        LOG.infof("Upload client %s secret rotated", id);
        return new IssuedSecret(client, secret);
    }

    public void deactivate(UUID id, Caller caller) {
        managedClient(id, caller).active = false;
        LOG.infof("Upload client %s deactivated", id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UploadClient> list(Caller caller) {
        Sort oldestFirst = Sort.by("createdAt");
        if (caller.platformAdmin()) {
            return UploadClient.listAll(oldestFirst);
        }
        return caller.corporationId() == null ? UploadClient.list("corporationId is null", oldestFirst)
                : UploadClient.list("corporationId = ?1", oldestFirst, caller.corporationId());
    }

    /**
     * The secret that must have signed a request naming {@code clientId} (null: seed 000's shared
     * secret), sent by a member of {@code corporationId}: another corporation's camera is unknown here.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String secretFor(UUID clientId, UUID corporationId) {
        if (clientId == null) {
            return config.defaultHmacSecret().filter(secret -> !secret.isBlank()).orElseThrow(() ->
                    ApiException.unauthorized("No shared signing secret is configured: send X-Client-Id"));
        }
        UploadClient client = UploadClient.findById(clientId);
        if (client == null || !client.active || !Objects.equals(client.corporationId, corporationId)) {
            throw ApiException.unauthorized("Unknown or inactive upload client");
        }
        return cipher.decrypt(client.secretEncrypted);
    }

    /**
     * An active client the caller administers: 404 for one outside the caller's corporation, as for one that is
     * not there; 403 for a member of its corporation who is not its admin.
     */
    private static UploadClient managedClient(UUID id, Caller caller) {
        UploadClient client = UploadClient.findById(id);
        if (client == null || !client.active || !(caller.platformAdmin() || caller.sameCorporation(client.corporationId))) {
            throw ApiException.notFound("Upload client not found");
        }
        if (!caller.platformAdmin()) {
            caller.requireAdmin("manage upload clients");
        }
        return client;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
