package io.lecturevision.common.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * A throw-away RS256 key pair for tests, written as a JWKS file (what services read) and a PKCS#8
 * file (what the test signs with), plus builders for good and deliberately bad tokens.
 */
public final class TestJwt {

    public static final String ISSUER = "https://auth.lecturevision.local";
    public static final String AUDIENCE = "lecturevision";
    public static final String KEY_ID = "test-key-1";

    private TestJwt() {
    }

    /** Writes {@code jwks.json} and {@code private.pk8} into {@code dir}; returns the JWKS path. */
    public static Path writeKeys(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            Files.createDirectories(dir);
            Path jwks = dir.resolve("jwks.json");
            Files.writeString(jwks, "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                    + "\",\"n\":\"" + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}");
            Files.write(dir.resolve("private.pk8"), pair.getPrivate().getEncoded());
            Files.write(dir.resolve("public.der"), pub.getEncoded());
            return jwks;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey(Path dir) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("private.pk8"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] publicKeyBytes(Path dir) {
        try {
            return Files.readAllBytes(dir.resolve("public.der"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid access token for {@code subject} with {@code role}, valid for 5 minutes. */
    public static JwtClaimsBuilder claims(String subject, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject + "@example.test")
                .groups(Set.of(role)).issuedAt(now).expiresAt(now.plusSeconds(300));
    }

    public static String sign(JwtClaimsBuilder claims, Path keyDir) {
        return claims.jws().keyId(KEY_ID).sign(privateKey(keyDir));
    }

    /** An unsigned token ({@code "alg":"none"}) with the given claims JSON. */
    public static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson) + ".";
    }

    public static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
