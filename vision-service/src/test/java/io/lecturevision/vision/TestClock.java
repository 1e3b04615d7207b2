package io.lecturevision.vision;

import io.lecturevision.common.testing.ControlledClock;
import jakarta.inject.Singleton;

/** vision-service's clock in tests: real time unless a test freezes it. */
@Singleton
public class TestClock extends ControlledClock {
}
