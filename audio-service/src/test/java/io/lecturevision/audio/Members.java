package io.lecturevision.audio;

import io.lecturevision.common.testing.TestJwt;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test fixtures: members of corporations with their tokens, and a script, actor and token of theirs. */
final class Members {

    private Members() {
    }

    record Member(String userId, UUID corporationId, String jwt) {
        RequestSpecification client() {
            return given().auth().oauth2(jwt);
        }

        RequestSpecification json() {
            return client().contentType("application/json");
        }
    }

    static Member member(UUID corporation) {
        String user = UUID.randomUUID().toString();
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        String jwt = TestJwt.sign(TestJwt.claims(user, "guest").claim("corporation_id", corporation.toString()), keys);
        return new Member(user, corporation, jwt);
    }

    static Member member() {
        return member(UUID.randomUUID());
    }

    /** A script with {@code lines}, an actor and a token for line {@code line}; returns the token id. */
    static long token(Member member, int line, String... lines) {
        long script = ((Number) member.json().body(Map.of("title", "Scene", "lines", List.of(lines)))
                .when().post("/scripts").then().statusCode(201).extract().path("id")).longValue();
        long actor = ((Number) member.json().body(Map.of("name", "Actor")).when().post("/actors")
                .then().statusCode(201).extract().path("id")).longValue();
        return ((Number) member.json().body(Map.of("script_id", script, "line_number", line, "actor_id", actor))
                .when().post("/tokens").then().statusCode(201).extract().path("id")).longValue();
    }
}
