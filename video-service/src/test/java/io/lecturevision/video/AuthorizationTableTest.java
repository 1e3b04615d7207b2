package io.lecturevision.video;

import io.lecturevision.common.testing.AuthorizationTable;
import io.lecturevision.common.testing.AuthorizationTable.Callers;
import io.lecturevision.common.testing.AuthorizationTable.Role;
import io.lecturevision.common.testing.AuthorizationTable.Row;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.lecturevision.common.testing.AuthorizationTable.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * README "Authorization table", video-service: every route × role. Videos belong to the table's corporation
 * (added by its admin); a platform admin is no corporation's member here (403), and callers of another
 * corporation get 404 for its videos on every method.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuthorizationTableTest {

    //                                     PA  CA  M   OA  OM  deact del none
    private static final String MEMBERS = "403 ok  ok  404 404 401  401 401";
    private static final String ADMINS = "403 ok  403 404 404 401  401 401";

    private static Callers callers;

    static Stream<Arguments> table() {
        return AuthorizationTable.cases(List.of(
                row("POST /v1/videos", "403 ok  403 ok  403 401 401 401", (as, c) ->
                        as.multiPart("file", "a.mp4", Videos.mp4(5_000, 1), "video/mp4").when().post("/v1/videos")),
                row("POST /v1/videos/presigned", "403 ok  403 ok  403 401 401 401", (as, c) ->
                        as.contentType(ContentType.JSON).body(Map.of("name", "big", "content_type", "video/mp4", "size", 5_000))
                                .when().post("/v1/videos/presigned")),
                row("POST /v1/videos/{id}/complete", ADMINS, (as, c) ->
                        as.when().post("/v1/videos/" + uploadedPresigned(c) + "/complete")),
                row("GET /v1/videos", "403 ok  ok  ok  ok  401 401 401", (as, c) -> as.when().get("/v1/videos")),
                row("GET /v1/videos/{id}", MEMBERS, (as, c) -> as.when().get("/v1/videos/" + video(c))),
                row("PUT /v1/videos/{id}", ADMINS, (as, c) -> as.contentType(ContentType.JSON).body(Map.of("name", "n"))
                        .when().put("/v1/videos/" + video(c))),
                row("PATCH /v1/videos/{id}", ADMINS, (as, c) -> as.contentType(ContentType.JSON).body(Map.of("name", "n"))
                        .when().patch("/v1/videos/" + video(c))),
                row("DELETE /v1/videos/{id}", ADMINS, (as, c) -> as.when().delete("/v1/videos/" + video(c))),
                row("POST /v1/videos/{id}/restore", ADMINS, (as, c) -> as.when().post("/v1/videos/" + video(c) + "/restore")),
                row("GET /v1/videos/{id}/playback", MEMBERS, (as, c) -> as.when().get("/v1/videos/" + video(c) + "/playback")),
                row("GET /v1/videos/stream/{id}", MEMBERS, (as, c) -> as.when().get("/v1/videos/stream/" + video(c))),
                row("HEAD /v1/videos/stream/{id}", MEMBERS, (as, c) -> as.when().head("/v1/videos/stream/" + video(c))),
                row("GET /v1/view-logs", "403 ok  ok  ok  ok  401 401 401", (as, c) -> as.when().get("/v1/view-logs")),
                row("GET /v1/points/me", "ok  ok  ok  ok  ok  401 401 401", (as, c) -> as.when().get("/v1/points/me")),
                row("GET /v1/points/users/{member}", "ok  ok  ok  404 404 401 401 401", (as, c) -> {
                    c.get(Role.MEMBER).client().when().get("/v1/videos/stream/" + video(c)).then().statusCode(200);
                    return as.when().get("/v1/points/users/" + c.get(Role.MEMBER).userId());
                })));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void answersAsTheTableSays(Row row, Role role) throws Exception {
        AuthorizationTable.check(row, role, callers());
    }

    private static synchronized Callers callers() throws Exception {
        if (callers == null) {
            callers = Callers.create().revokeStaleUsers("/v1/points/me");
        }
        return callers;
    }

    /** A fresh ready video of the table's corporation. */
    private static long video(Callers c) {
        Videos.Member admin = new Videos.Member(c.get(Role.CORPORATION_ADMIN).userId(), c.corporation(),
                c.get(Role.CORPORATION_ADMIN).token());
        return Videos.upload(admin, Videos.mp4(5_000, 2), "table");
    }

    /** A pending presigned video of the table's corporation whose bytes were PUT to its URL. */
    private static long uploadedPresigned(Callers c) throws Exception {
        byte[] bytes = Videos.mp4(5_000, 3);
        Response presigned = c.get(Role.CORPORATION_ADMIN).client().contentType(ContentType.JSON)
                .body(Map.of("name", "big", "content_type", "video/mp4", "size", bytes.length)).when().post("/v1/videos/presigned");
        presigned.then().statusCode(201);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(presigned.path("upload_url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        return ((Number) presigned.path("video.id")).longValue();
    }
}
