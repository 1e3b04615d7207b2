package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/**
 * Three throw-away RSA keys: the active signing key, a key retired just now (still published) and
 * one retired two hours ago (past the 30-minute grace, no longer published).
 */
public class AuthTestKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("lv-auth-test-keys");
            for (String name : new String[] {"active", "previous", "ancient"}) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(dir.resolve(name + ".pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(dir.resolve(name + ".pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return Map.of(
                    "lv.test.keys-dir", dir.toString(),
                    "lv.auth.jwt.signing-key-location", dir.resolve("active.pem").toString(),
                    "lv.auth.jwt.retired-keys.previous.public-key-location", dir.resolve("previous.pub.pem").toString(),
                    "lv.auth.jwt.retired-keys.previous.retired-at", now.toString(),
                    "lv.auth.jwt.retired-keys.ancient.public-key-location", dir.resolve("ancient.pub.pem").toString(),
                    "lv.auth.jwt.retired-keys.ancient.retired-at", now.minus(2, ChronoUnit.HOURS).toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
