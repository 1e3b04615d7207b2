package io.lecturevision.audio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class AudioServiceSkeletonIT extends AudioServiceSkeletonTest {
}
