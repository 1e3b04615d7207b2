package io.lecturevision.auth.service;

import io.lecturevision.auth.config.AuthConfig;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active signing key and the public keys still published in the JWKS. Key ids are RFC 7638
 * thumbprints, so a key always has the same id wherever it is configured.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final RSAPrivateKey signingKey;
    private final String signingKeyId;
    private final List<PublishedKey> keys;
    private final AuthConfig config;
    private final Clock clock;

    @Inject
    public SigningKeys(AuthConfig config) {
        this(config, Clock.systemUTC(), ConfigUtils.getProfiles().contains("prod"));
    }

    SigningKeys(AuthConfig config, Clock clock, boolean prodProfile) {
        this.config = config;
        this.clock = clock;
        KeyPair active = config.jwt().signingKeyLocation().map(SigningKeys::readKeyPair)
                .orElseGet(() -> devKeyPair(prodProfile));
        signingKey = (RSAPrivateKey) active.getPrivate();
        signingKeyId = thumbprint((RSAPublicKey) active.getPublic());
        List<PublishedKey> published = new ArrayList<>();
        published.add(new PublishedKey(signingKeyId, (RSAPublicKey) active.getPublic(), null));
        config.jwt().retiredKeys().forEach((name, retired) -> {
            RSAPublicKey key = readPublicKey(retired.publicKeyLocation());
            published.add(new PublishedKey(thumbprint(key), key, retired.retiredAt()));
            LOG.infof("Retired key %s (%s) published until %s", name, thumbprint(key),
                    retired.retiredAt().plus(config.jwt().accessTokenTtl()));
        });
        keys = List.copyOf(published);
        LOG.infof("Signing tokens with key %s", signingKeyId);
    }

    public RSAPrivateKey signingKey() {
        return signingKey;
    }

    public String signingKeyId() {
        return signingKeyId;
    }

    /** The JWKS document: the active key and every retired key still within its grace. */
    public Map<String, Object> jwks() {
        Instant now = clock.instant();
        List<Map<String, Object>> published = new ArrayList<>();
        for (PublishedKey key : keys) {
            if (key.retiredAt() == null || now.isBefore(key.retiredAt().plus(config.jwt().accessTokenTtl()))) {
                published.add(jwk(key.id(), key.key()));
            }
        }
        return Map.of("keys", published);
    }

    private KeyPair devKeyPair(boolean prodProfile) {
        if (prodProfile) {
            throw new IllegalStateException("No JWT signing key configured: set LV_JWT_SIGNING_KEY_LOCATION "
                    + "(lv.auth.jwt.signing-key-location) to a PKCS#8 PEM file. Dev keys are never used in prod.");
        }
        Path dir = Path.of(config.jwt().devKeyDir());
        Path privatePem = dir.resolve("signing-key.pem");
        try {
            if (Files.exists(privatePem)) {
                LOG.infof("Using the dev signing key in %s (not for production)", privatePem);
                return readKeyPair(privatePem.toString());
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(privatePem, pem);
            try {
                Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            LOG.warnf("Generated a dev signing key in %s (not for production)", privatePem);
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the dev signing key in " + dir, e);
        }
    }

    private static KeyPair readKeyPair(String location) {
        try {
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the RSA signing key (PKCS#8 PEM) at " + location, e);
        }
    }

    private static RSAPublicKey readPublicKey(String location) {
        try {
            return (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(Path.of(location)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the RSA public key (PEM) at " + location, e);
        }
    }

    private static Map<String, Object> jwk(String kid, RSAPublicKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", base64Url(key.getModulus()));
        jwk.put("e", base64Url(key.getPublicExponent()));
        return jwk;
    }

    /** The key id: RFC 7638 JWK thumbprint (SHA-256, base64url). */
    public static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = new byte[bytes.length - start];
        System.arraycopy(bytes, start, unsigned, 0, unsigned.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    record PublishedKey(String id, RSAPublicKey key, Instant retiredAt) {
    }
}
