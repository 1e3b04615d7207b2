package io.lecturevision.vision;

import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VisionServiceSkeletonTest extends ServiceSkeletonContract {
}
