package io.lecturevision.audio;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.audio.analysis.Signals;
import io.lecturevision.common.testing.AuthorizationTable;
import io.lecturevision.common.testing.AuthorizationTable.Callers;
import io.lecturevision.common.testing.AuthorizationTable.Role;
import io.lecturevision.common.testing.AuthorizationTable.Row;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.lecturevision.common.testing.AuthorizationTable.row;

/**
 * README "Authorization table", audio-service: every route × role. Scripts, actors, tokens and analysis jobs
 * belong to a corporation (and record who made them); every member of it may use them, anyone else gets 404,
 * and an account of no corporation (a platform admin here) 403. The webhook and /analyze-voice are
 * authenticated by HMAC signatures, not tokens (AnalysisFlowTest).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuthorizationTableTest {

    //                                     PA  CA  M   OA  OM  deact del none
    private static final String ANY_MEMBER = "403 ok  ok  ok  ok  401  401 401";
    private static final String OWN_CORPORATION = "403 ok  ok  404 404 401  401 401";

    private static Callers callers;

    static Stream<Arguments> table() {
        return AuthorizationTable.cases(List.of(
                row("POST /scripts", ANY_MEMBER, (as, c) -> as.contentType("application/json")
                        .body(Map.of("title", "T", "lines", List.of("one"))).when().post("/scripts")),
                row("GET /scripts", ANY_MEMBER, (as, c) -> as.when().get("/scripts")),
                row("GET /scripts/{id}", OWN_CORPORATION, (as, c) -> as.when().get("/scripts/" + script(c))),
                row("PUT /scripts/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json")
                        .body(Map.of("title", "T2", "lines", List.of("two"))).when().put("/scripts/" + script(c))),
                row("PATCH /scripts/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json")
                        .body(Map.of("title", "T3")).when().patch("/scripts/" + script(c))),
                row("DELETE /scripts/{id}", OWN_CORPORATION, (as, c) -> as.when().delete("/scripts/" + script(c))),
                row("POST /actors", ANY_MEMBER, (as, c) -> as.contentType("application/json").body(Map.of("name", "A"))
                        .when().post("/actors")),
                row("GET /actors", ANY_MEMBER, (as, c) -> as.when().get("/actors")),
                row("GET /actors/{id}", OWN_CORPORATION, (as, c) -> as.when().get("/actors/" + actor(c))),
                row("PUT /actors/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json").body(Map.of("name", "B"))
                        .when().put("/actors/" + actor(c))),
                row("PATCH /actors/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json").body(Map.of("name", "C"))
                        .when().patch("/actors/" + actor(c))),
                row("DELETE /actors/{id}", OWN_CORPORATION, (as, c) -> as.when().delete("/actors/" + actor(c))),
                // another corporation's script and actor are as unknown as missing ones: 422 on the field
                row("POST /tokens", "403 ok  ok  422 422 401  401 401", (as, c) -> as.contentType("application/json")
                        .body(Map.of("script_id", script(c), "line_number", 1, "actor_id", actor(c))).when().post("/tokens")),
                row("GET /tokens", ANY_MEMBER, (as, c) -> as.when().get("/tokens")),
                row("GET /tokens/{id}", OWN_CORPORATION, (as, c) -> as.when().get("/tokens/" + token(c))),
                row("PUT /tokens/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json")
                        .body(Map.of("script_id", script(c), "line_number", 1, "actor_id", actor(c))).when().put("/tokens/" + token(c))),
                row("PATCH /tokens/{id}", OWN_CORPORATION, (as, c) -> as.contentType("application/json")
                        .body(Map.of("script_id", script(c), "line_number", 1, "actor_id", actor(c))).when().patch("/tokens/" + token(c))),
                row("DELETE /tokens/{id}", OWN_CORPORATION, (as, c) -> as.when().delete("/tokens/" + token(c))),
                row("POST /tokens/{id}/upload-audio", OWN_CORPORATION, (as, c) -> as
                        .multiPart("file", "take.wav", Signals.of(8000, 1).sine(200, -20, 0.1).wav(), "audio/wav")
                        .when().post("/tokens/" + token(c) + "/upload-audio")),
                row("GET /tokens/analysis-result/{job}", OWN_CORPORATION, (as, c) -> as.when()
                        .get("/tokens/analysis-result/" + finishedJob(c))),
                row("GET /tokens/analysis-progress/{job}", OWN_CORPORATION, (as, c) -> as.when()
                        .get("/tokens/analysis-progress/" + finishedJob(c)))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void answersAsTheTableSays(Row row, Role role) throws Exception {
        AuthorizationTable.check(row, role, callers());
    }

    private static synchronized Callers callers() throws Exception {
        if (callers == null) {
            callers = Callers.create().revokeStaleUsers("/scripts");
        }
        return callers;
    }

    /** The table's member, as the audio fixtures know members. */
    private static Members.Member member(Callers c) {
        AuthorizationTable.Caller member = c.get(Role.MEMBER);
        return new Members.Member(member.userId(), c.corporation(), member.token());
    }

    private static long script(Callers c) {
        return ((Number) member(c).json().body(Map.of("title", "Scene", "lines", List.of("one two")))
                .when().post("/scripts").then().statusCode(201).extract().path("id")).longValue();
    }

    private static long actor(Callers c) {
        return ((Number) member(c).json().body(Map.of("name", "Actor")).when().post("/actors")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    private static long token(Callers c) {
        return Members.token(member(c), 1, "one two");
    }

    /** A completed analysis job of the table's corporation whose last event was sent (progress answers 204). */
    private static UUID finishedJob(Callers c) {
        AgroalDataSource db = Arc.container().instance(AgroalDataSource.class).get();
        UUID job = Jobs.insert(db, member(c), token(c), "done", Instant.now(), "/nonexistent/spool.wav", null);
        Db.update(db, "UPDATE analysis_job SET status = 'completed', progress = 100 WHERE id = ?", job);
        return job;
    }
}
