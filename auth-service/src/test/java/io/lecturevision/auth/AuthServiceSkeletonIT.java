package io.lecturevision.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class AuthServiceSkeletonIT extends AuthServiceSkeletonTest {
}
