package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** FastAPI's 422, naming the parameter, for malformed query and path parameters of auth-service. */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class MalformedParametersTest {

    @Test
    void malformedQueryParameterIs422() {
        Api.as(Api.adminToken()).when().get("/v1/users?limit=abc").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit")).body("detail[0].type", equalTo("int_parsing"));
        Api.as(Api.adminToken()).when().get("/v1/corporations?skip=-x").then().statusCode(422)
                .body("detail[0].loc", contains("query", "skip"));
    }

    @Test
    void malformedPathParameterIs422() {
        Api.as(Api.adminToken()).when().get("/api/v1/users/42").then().statusCode(422)
                .body("detail[0].loc", contains("path", "user_id")).body("detail[0].type", equalTo("uuid_parsing"));
        Api.as(Api.adminToken()).when().delete("/v1/corporations/not-a-uuid").then().statusCode(422)
                .body("detail[0].loc", contains("path", "corporation_id"));
    }

    @Test
    void outOfRangeQueryIsLocatedInQuery() {
        Api.as(Api.adminToken()).when().get("/v1/users?limit=0").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit")).body("detail[0].type", equalTo("number_range"));
    }
}
