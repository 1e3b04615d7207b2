package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** FastAPI's 422, naming the parameter, where Quarkus REST alone would answer 404 for a malformed value. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class MalformedParametersTest {

    @Test
    void malformedLimitIs422NotNotFound() {
        Uploads.client(Uploads.token(Uploads.newUser())).when().get("/uploads?limit=abc").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit"))
                .body("detail[0].type", equalTo("int_parsing"))
                .body("detail[0].msg", equalTo("Input should be a valid integer, unable to parse string as an integer"));
    }

    @Test
    void malformedUploadIdIs422() {
        Uploads.client(Uploads.token(Uploads.newUser())).when().get("/uploads/twelve/image").then().statusCode(422)
                .body("detail[0].loc", contains("path", "id")).body("detail[0].type", equalTo("int_parsing"));
    }

    @Test
    void limitOverTheMaximumIsLocatedInQuery() {
        Uploads.client(Uploads.token(Uploads.newUser())).when().get("/uploads?limit=1001").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit")).body("detail[0].type", equalTo("number_range"));
    }
}
