package io.lecturevision.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * For services that verify auth-service's tokens: a throw-away key pair whose JWKS the app reads
 * from a file; tests sign with {@link TestJwt} and the key directory in {@code lv.test.jwt-key-dir}.
 */
public class TestJwtKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createTempDirectory("lv-test-jwt");
            Path jwks = TestJwt.writeKeys(keys);
            return Map.of("mp.jwt.verify.publickey.location", jwks.toUri().toString(),
                    "lv.test.jwt-key-dir", keys.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** A signed access token for {@code subject} with {@code role}, from the keys of this resource. */
    public static String token(String subject, String role) {
        return TestJwt.sign(TestJwt.claims(subject, role), keyDir());
    }

    /** The same, for a member of {@code corporationId} (auth-service's {@code corporation_id} claim). */
    public static String token(String subject, String role, java.util.UUID corporationId) {
        return TestJwt.sign(TestJwt.claims(subject, role).claim("corporation_id", corporationId.toString()), keyDir());
    }

    private static Path keyDir() {
        return Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
    }
}
