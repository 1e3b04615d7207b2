package io.lecturevision.auth.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(8);

    @Test
    void hashesAreSaltedBcryptAndVerify() {
        String first = hasher.hash("password123");
        String second = hasher.hash("password123");
        assertTrue(first.startsWith("$2"), first);
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(hasher.matches("password123", first));
        assertFalse(hasher.matches("password124", first));
    }

    @Test
    void anUnknownUserStillCostsABcryptRunOfTheSameCost() {
        String real = hasher.hash("password123");
        String decoy = hasher.hashToCheck(null);
        assertFalse(hasher.matches("wrong-password", null));
        assertEquals(real, hasher.hashToCheck(real));
        // bcrypt's cost is in the hash ("$2a$08$..."): the decoy takes as long to check as a real hash.
        assertEquals(real.substring(0, 7), decoy.substring(0, 7), decoy);
        assertEquals(real.length(), decoy.length());
    }
}
