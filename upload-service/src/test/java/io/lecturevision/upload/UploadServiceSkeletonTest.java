package io.lecturevision.upload;

import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UploadServiceSkeletonTest extends ServiceSkeletonContract {
}
