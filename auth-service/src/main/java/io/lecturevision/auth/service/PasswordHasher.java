package io.lecturevision.auth.service;

import io.lecturevision.auth.config.AuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.HexFormat;

/** bcrypt (salted, cost from configuration). Verifying an unknown user costs the same as a known one. */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String decoyHash;

    @Inject
    public PasswordHasher(AuthConfig config) {
        this(config.bcryptCost());
    }

    PasswordHasher(int cost) {
        this.cost = cost;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.decoyHash = BcryptUtil.bcryptHash(HexFormat.of().formatHex(random), cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Checks {@code password} against {@code hash}; a null hash (no such user) still spends a bcrypt run. */
    public boolean matches(String password, String hash) {
        boolean matches = BcryptUtil.matches(password, hashToCheck(hash));
        return hash != null && matches;
    }

    /** The hash a check runs against: the user's, or for no user a decoy of the same cost. */
    String hashToCheck(String hash) {
        return hash != null ? hash : decoyHash;
    }
}
