package io.lecturevision.audio;

import io.lecturevision.audio.Members.Member;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class CatalogTest {

    @Test
    void scriptsKeepTheirLinesInOrderAndBelongToOneCorporation() {
        Member member = Members.member();
        Member outsider = Members.member();
        int id = member.json().body(Map.of("title", "Hamlet", "lines", List.of("To be", "or not to be", "that is the question")))
                .when().post("/scripts").then().statusCode(201)
                .body("title", equalTo("Hamlet"))
                .body("lines", contains("To be", "or not to be", "that is the question"))
                .body("created_by", equalTo(member.userId())).extract().path("id");

        member.client().when().get("/scripts/" + id).then().statusCode(200).body("lines[1]", equalTo("or not to be"));
        member.client().when().get("/scripts").then().statusCode(200).body("id", hasItem(id));
        member.json().body(Map.of("lines", List.of("Two", "One"))).when().patch("/scripts/" + id).then().statusCode(200)
                .body("title", equalTo("Hamlet")).body("lines", contains("Two", "One"));

        outsider.client().when().get("/scripts/" + id).then().statusCode(404).body("detail", equalTo("Script not found"));
        outsider.client().when().get("/scripts").then().statusCode(200).body("id", not(hasItem(id)));
        outsider.json().body(Map.of("title", "Mine", "lines", List.of("x"))).when().put("/scripts/" + id).then().statusCode(404);
        outsider.client().when().delete("/scripts/" + id).then().statusCode(404);

        member.client().when().delete("/scripts/" + id).then().statusCode(204);
        member.client().when().get("/scripts/" + id).then().statusCode(404);
    }

    @Test
    void invalidBodiesAnswerInFastApiShape() {
        Member member = Members.member();
        member.json().body(Map.of("title", "", "lines", List.of())).when().post("/scripts").then().statusCode(422)
                .body("detail.loc", hasItem(List.of("body", "title")))
                .body("detail.loc", hasItem(List.of("body", "lines")));
        member.json().body(Map.of("title", "T", "lines", List.of("ok", " "))).when().post("/scripts").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("lines")).body("detail[0].loc[-1]", equalTo(1))
                .body("detail[0].type", equalTo("missing"));
        member.json().body(Map.of()).when().post("/actors").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "name")));
        member.json().body("{\"name\": ").when().post("/actors").then().statusCode(422);
    }

    @Test
    void tokensJoinALineAndAnActorOfTheSameCorporation() {
        Member member = Members.member();
        Member outsider = Members.member();
        long tokenId = Members.token(member, 2, "first line", "second line");
        int scriptId = member.client().when().get("/tokens/" + tokenId).then().statusCode(200)
                .body("line_number", equalTo(2)).body("text", equalTo("second line"))
                .body("actor_name", equalTo("Actor")).extract().path("script_id");
        int actorId = member.client().when().get("/tokens/" + tokenId).then().extract().path("actor_id");

        member.client().queryParam("script_id", scriptId).when().get("/tokens").then().statusCode(200)
                .body("id", contains((int) tokenId));
        outsider.client().when().get("/tokens/" + tokenId).then().statusCode(404).body("detail", equalTo("Token not found"));
        outsider.client().when().get("/tokens").then().statusCode(200).body("id", not(hasItem((int) tokenId)));
        outsider.client().when().delete("/tokens/" + tokenId).then().statusCode(404);

        // The outsider cannot point a token of theirs at this corporation's script or actor.
        int outsiderActor = outsider.json().body(Map.of("name", "Other")).when().post("/actors").then().statusCode(201)
                .extract().path("id");
        outsider.json().body(Map.of("script_id", scriptId, "line_number", 1, "actor_id", outsiderActor))
                .when().post("/tokens").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "script_id")));

        member.json().body(Map.of("script_id", scriptId, "line_number", 3, "actor_id", actorId))
                .when().post("/tokens").then().statusCode(422).body("detail[0].msg", equalTo("The script has 2 lines"));
        member.json().body(Map.of("script_id", scriptId, "line_number", 2, "actor_id", actorId))
                .when().post("/tokens").then().statusCode(409);
        member.json().body(Map.of("lines", List.of("only one line now"))).when().patch("/scripts/" + scriptId)
                .then().statusCode(409).body("detail", containsString("Line 2"));
        member.client().when().delete("/scripts/" + scriptId).then().statusCode(409);
        member.client().when().delete("/actors/" + actorId).then().statusCode(409);

        member.json().body(Map.of("script_id", scriptId, "line_number", 1, "actor_id", actorId))
                .when().put("/tokens/" + tokenId).then().statusCode(200).body("text", equalTo("first line"));
        member.client().when().delete("/tokens/" + tokenId).then().statusCode(204);
        member.client().when().delete("/scripts/" + scriptId).then().statusCode(204);
        member.client().when().delete("/actors/" + actorId).then().statusCode(204);
    }

    @Test
    void everyRouteNeedsABearerToken() {
        io.restassured.RestAssured.given().when().get("/scripts").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        io.restassured.RestAssured.given().when().get("/tokens/1").then().statusCode(401);
    }
}
