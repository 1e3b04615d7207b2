package io.lecturevision.video;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class VideoServiceSkeletonIT extends VideoServiceSkeletonTest {
}
