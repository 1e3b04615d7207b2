package io.lecturevision.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of "now" for time-dependent rules (rate limits, replay windows, token lifetimes,
 * leases). Inject {@link Clock} instead of calling {@code Instant.now()}, so tests can replace it.
 */
@Singleton
public class SystemClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
