package io.lecturevision.audio;

import io.lecturevision.common.testing.ControlledClock;
import jakarta.inject.Singleton;

/** audio-service's clock in tests: real time unless a test freezes or advances it (and releases it after). */
@Singleton
public class TestClock extends ControlledClock {
}
