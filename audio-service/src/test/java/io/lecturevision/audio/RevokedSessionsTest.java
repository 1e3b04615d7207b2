package io.lecturevision.audio;

import io.lecturevision.common.testing.RevokedSessionsContract;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class RevokedSessionsTest extends RevokedSessionsContract {

    @Override
    protected String probePath() {
        return "/scripts";
    }
}
