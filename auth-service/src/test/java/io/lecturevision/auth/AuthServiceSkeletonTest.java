package io.lecturevision.auth;

import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthServiceSkeletonTest extends ServiceSkeletonContract {
}
