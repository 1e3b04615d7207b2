package io.lecturevision.auth.service;

import org.junit.jupiter.api.Test;

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
    void anUnknownUserStillCostsABcryptRun() {
        String hash = hasher.hash("password123");
        long known = median(() -> hasher.matches("wrong-password", hash));
        long unknown = median(() -> hasher.matches("wrong-password", null));
        assertFalse(hasher.matches("wrong-password", null));
        // Same order of magnitude: the decoy hash has the same cost as real ones.
        assertTrue(unknown * 4 > known, "unknown " + unknown + " ns vs known " + known + " ns");
    }

    private static long median(Runnable check) {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            check.run();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
