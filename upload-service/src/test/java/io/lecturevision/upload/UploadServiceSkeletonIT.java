package io.lecturevision.upload;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class UploadServiceSkeletonIT extends UploadServiceSkeletonTest {
}
