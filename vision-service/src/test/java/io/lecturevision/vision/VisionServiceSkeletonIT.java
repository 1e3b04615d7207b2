package io.lecturevision.vision;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class VisionServiceSkeletonIT extends VisionServiceSkeletonTest {
}
