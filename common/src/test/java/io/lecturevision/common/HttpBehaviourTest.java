package io.lecturevision.common;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.ServiceSkeletonContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class HttpBehaviourTest extends ServiceSkeletonContract {

    @Test
    void welcomeNamesTheService() {
        given().when().get("/").then().statusCode(200).body("service", equalTo("common-test"))
                .body("docs", equalTo("/docs"));
    }

    @Test
    void invalidBodyFieldsAreFastApi422() {
        given().contentType(ContentType.JSON).body("{\"email\":\"not-an-email\",\"password\":\"short\"}")
                .when().post("/test/signup").then().statusCode(422)
                .body("detail", hasSize(2))
                .body("detail[0].loc", contains("body", "email"))
                .body("detail[0].type", equalTo("value_error.email"))
                .body("detail[1].loc", contains("body", "password"))
                .body("detail[1].type", equalTo("string_length"))
                .body("detail[1].msg", not(equalTo("")));
    }

    @Test
    void missingFieldIsReportedAsMissing() {
        given().contentType(ContentType.JSON).body("{\"password\":\"long-enough-1\"}")
                .when().post("/test/signup").then().statusCode(422)
                .body("detail[0].loc", contains("body", "email"))
                .body("detail[0].type", equalTo("missing"));
    }

    @Test
    void invalidQueryParameterIsLocatedInQuery() {
        given().when().get("/test/page?limit=1000").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit"))
                .body("detail[0].type", equalTo("number_range"));
    }

    @Test
    void malformedJsonIs422() {
        given().contentType(ContentType.JSON).body("{\"email\": ").when().post("/test/signup").then()
                .statusCode(422).body("detail[0].loc", contains("body")).body("detail[0].type", equalTo("json_invalid"));
    }

    @Test
    void wrongJsonTypeIs422WithField() {
        given().contentType(ContentType.JSON).body("{\"email\": [1], \"password\": \"long-enough-1\"}")
                .when().post("/test/signup").then().statusCode(422)
                .body("detail[0].loc", contains("body", "email"));
    }

    @Test
    void unhandledErrorIs500WithoutInternals() {
        given().header("X-Request-ID", "boom-1").when().get("/test/boom").then().statusCode(500)
                .header("X-Request-ID", "boom-1")
                .body("detail", equalTo("Internal Server Error"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void wrongMethodIs405InFastApiShape() {
        given().when().delete("/health").then().statusCode(405).body("detail", equalTo("Method Not Allowed"));
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        given().header("X-Request-ID", "bad id\u0000<script>").when().get("/health").then()
                .header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"));
    }
}
