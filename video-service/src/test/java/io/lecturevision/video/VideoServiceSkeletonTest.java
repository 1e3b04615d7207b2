package io.lecturevision.video;

import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VideoServiceSkeletonTest extends ServiceSkeletonContract {
}
