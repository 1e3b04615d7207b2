package io.lecturevision.video.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlaybackSignaturesTest {

    private static final String KEY = "test-only-playback-key";
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final Caller VIEWER = new Caller("user-1", UUID.randomUUID(), false, false);

    private static PlaybackSignatures at(Instant now) {
        return new PlaybackSignatures(KEY, Duration.ofMinutes(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void validUntilItsExpiryOnly() {
        PlaybackSignatures.Grant grant = at(NOW).sign(7, VIEWER);
        assertEquals(NOW.plus(Duration.ofMinutes(30)), grant.expiresAt());
        Caller caller = at(NOW.plus(Duration.ofMinutes(29))).verify(7, grant.signature());
        assertEquals(VIEWER.userId(), caller.userId());
        assertEquals(VIEWER.corporationId(), caller.corporationId());
        assertEquals(false, caller.admin());
        ApiException expired = assertThrows(ApiException.class,
                () -> at(NOW.plus(Duration.ofMinutes(30))).verify(7, grant.signature()));
        assertEquals(401, expired.status());
    }

    @Test
    void boundToTheVideoAndTheKey() {
        PlaybackSignatures.Grant grant = at(NOW).sign(7, VIEWER);
        assertThrows(ApiException.class, () -> at(NOW).verify(8, grant.signature()));
        PlaybackSignatures otherKey = new PlaybackSignatures("another-test-only-key", Duration.ofMinutes(30),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(ApiException.class, () -> otherKey.verify(7, grant.signature()));
        assertThrows(ApiException.class, () -> at(NOW).verify(7, "no-dot-at-all"));
        assertThrows(ApiException.class, () -> at(NOW).verify(7, "%%%.%%%"));
    }

    @Test
    void withoutAKeyNoUrlIsIssuedAndNothingVerifies() {
        PlaybackSignatures disabled = new PlaybackSignatures(null, Duration.ofMinutes(30), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(503, assertThrows(ApiException.class, () -> disabled.sign(7, VIEWER)).status());
        String genuine = at(NOW).sign(7, VIEWER).signature();
        assertEquals(401, assertThrows(ApiException.class, () -> disabled.verify(7, genuine)).status());
    }
}
