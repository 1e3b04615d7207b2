package io.lecturevision.common;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Every malformed query, path, header and form parameter is FastAPI's 422 naming the parameter. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class ParameterErrorsTest {

    private static final String ITEM = "/test/parameters/" + UUID.randomUUID() + "/7";

    @Test
    void wellFormedParametersPass() {
        given().header("X-Page", "2").when().get(ITEM + "?limit=5&colour=RED&ratio=0.5").then().statusCode(200)
                .body("seq", equalTo(7)).body("limit", equalTo(5));
    }

    @Test
    void malformedIntegerQueryIs422NotNotFound() {
        given().when().get(ITEM + "?limit=abc").then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("query", "limit"))
                .body("detail[0].type", equalTo("int_parsing"))
                .body("detail[0].msg", equalTo("Input should be a valid integer, unable to parse string as an integer"));
    }

    @Test
    void malformedNumberAndEnumQueries() {
        given().when().get(ITEM + "?ratio=half").then().statusCode(422)
                .body("detail[0].loc", contains("query", "ratio")).body("detail[0].type", equalTo("float_parsing"));
        given().when().get(ITEM + "?colour=BLUE").then().statusCode(422)
                .body("detail[0].loc", contains("query", "colour")).body("detail[0].type", equalTo("enum"))
                .body("detail[0].msg", equalTo("Input should be 'RED' or 'GREEN'"));
    }

    @Test
    void malformedPathParametersAre422() {
        given().when().get("/test/parameters/not-a-uuid/7").then().statusCode(422)
                .body("detail[0].loc", contains("path", "item_id")).body("detail[0].type", equalTo("uuid_parsing"));
        given().when().get("/test/parameters/" + UUID.randomUUID() + "/seven").then().statusCode(422)
                .body("detail[0].loc", contains("path", "seq")).body("detail[0].type", equalTo("int_parsing"));
    }

    @Test
    void malformedHeaderIs422() {
        given().header("X-Page", "two").when().get(ITEM).then().statusCode(422)
                .body("detail[0].loc", contains("header", "x-page")).body("detail[0].type", equalTo("int_parsing"));
    }

    @Test
    void constraintsOnParametersAreLocatedWhereTheParameterCameFrom() {
        given().when().get(ITEM + "?limit=500").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit")).body("detail[0].type", equalTo("number_range"));
        given().header("X-Label", "far-too-long").when().get(ITEM).then().statusCode(422)
                .body("detail[0].loc", contains("header", "x-label")).body("detail[0].type", equalTo("string_length"));
    }

    @Test
    void malformedAndShortFormFieldsAre422InBody() {
        given().contentType(ContentType.URLENC).formParam("count", "many").formParam("name", "abcd")
                .when().post("/test/parameters/form").then().statusCode(422)
                .body("detail[0].loc", contains("body", "count")).body("detail[0].type", equalTo("int_parsing"));
        given().contentType(ContentType.URLENC).formParam("count", "3").formParam("name", "ab")
                .when().post("/test/parameters/form").then().statusCode(422)
                .body("detail[0].loc", contains("body", "name")).body("detail[0].type", equalTo("string_length"));
    }

    @Test
    void unknownPathIsStillNotFound() {
        given().when().get("/test/parameters-nowhere?limit=abc").then().statusCode(404)
                .body("detail", equalTo("Not Found"));
    }
}
