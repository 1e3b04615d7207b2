package io.lecturevision.audio;

import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AudioServiceSkeletonTest extends ServiceSkeletonContract {
}
