package io.lecturevision.video;

import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.HostileInputs;
import io.lecturevision.common.testing.HostileInputs.Hostile;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every route of video-service that takes input, fed the hostile values of common's
 * {@link HostileInputs}: each is a 4xx in FastAPI's shape and changes no row.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class HostileInputTest {

    private static final byte[] VIDEO = Videos.mp4(4096, 5);

    @Inject
    DataSource dataSource;

    /** Row counts, and the whole row of {@code video} (a refused rename must not touch it). */
    private Supplier<List<Object>> rows(long video) {
        return () -> List.of(Db.count(dataSource, "SELECT count(*) FROM video"),
                Db.count(dataSource, "SELECT count(*) FROM view_log"),
                String.valueOf(Db.scalar(dataSource, "SELECT md5(v::text) FROM video v WHERE id = ?", video)));
    }

    @TestFactory
    Stream<DynamicTest> videos() {
        Videos.Member admin = Videos.member(UUID.randomUUID(), "admin");
        long video = Videos.upload(admin, VIDEO, "hostile-target");
        Supplier<List<Object>> rows = rows(video);
        List<Hostile> names = new ArrayList<>(HostileInputs.requiredText());
        names.add(new Hostile("only spaces", "   "));
        List<Hostile> ids = HostileInputs.queryNumbers();
        return Stream.of(
                HostileInputs.refused("POST /v1/videos name", List.of(new Hostile("NUL", "a\u0000b"),
                                new Hostile("control characters", "a\u0001\u001b[31mb"), new Hostile("overlong", "a".repeat(100_000))),
                        (Hostile name) -> admin.client().multiPart("file", "a.mp4", VIDEO, "video/mp4")
                                .multiPart("name", (String) name.value()).when().post("/v1/videos"), rows),
                HostileInputs.refused("POST /v1/videos multipart", HostileInputs.malformedMultipart("file", VIDEO).stream()
                                .filter(body -> !body.label().equals("NUL in the file name")).toList(),
                        (HostileInputs.Multipart body) -> admin.client().contentType(body.contentType()).body(body.body())
                                .when().post("/v1/videos"), rows),
                jsonFields("POST /v1/videos/presigned", "POST", "/v1/videos/presigned", admin,
                        Map.of("name", "lecture", "content_type", "video/mp4", "size", 4096),
                        Map.of("name", names, "content_type", HostileInputs.requiredText(),
                                "size", new ArrayList<>(List.of(new Hostile("zero", 0), new Hostile("negative", -1),
                                        new Hostile("2^63 as a JSON number", new java.math.BigInteger("9223372036854775808")),
                                        new Hostile("text", "big")))), rows),
                jsonFields("PUT /v1/videos/{id}", "PUT", "/v1/videos/" + video, admin, Map.of("name", "renamed"),
                        Map.of("name", names), rows),
                jsonFields("PATCH /v1/videos/{id}", "PATCH", "/v1/videos/" + video, admin, Map.of("name", "renamed"),
                        Map.of("name", names), rows),
                HostileInputs.refused("GET /v1/videos?skip", HostileInputs.queryNumbers(),
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().get("/v1/videos?skip=" + n.value()), rows),
                HostileInputs.refused("GET /v1/videos?limit", HostileInputs.queryNumbers(),
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().get("/v1/videos?limit=" + n.value()), rows),
                HostileInputs.refused("GET /v1/view-logs?skip", HostileInputs.queryNumbers(),
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().get("/v1/view-logs?skip=" + n.value()), rows),
                HostileInputs.refused("GET /v1/videos/{id}", ids,
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().get("/v1/videos/" + n.value()), rows),
                HostileInputs.refused("DELETE /v1/videos/{id}", ids,
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().delete("/v1/videos/" + n.value()), rows),
                HostileInputs.refused("POST /v1/videos/{id}/complete", ids,
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().post("/v1/videos/" + n.value() + "/complete"), rows),
                HostileInputs.refused("POST /v1/videos/{id}/restore", ids,
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().post("/v1/videos/" + n.value() + "/restore"), rows),
                HostileInputs.refused("GET /v1/videos/stream/{id}", ids,
                        (Hostile n) -> admin.client().urlEncodingEnabled(false).when().get("/v1/videos/stream/" + n.value()), rows),
                HostileInputs.refused("GET /v1/points/users/{id}", List.of(new Hostile("NUL", "%00"),
                                new Hostile("control characters", "%01%1B"), new Hostile("overlong", "a".repeat(2000))),
                        (Hostile id) -> admin.client().urlEncodingEnabled(false).when().get("/v1/points/users/" + id.value()), rows)
        ).flatMap(s -> s);
    }

    private static Stream<DynamicTest> jsonFields(String route, String method, String path, Videos.Member caller,
                                                  Map<String, Object> valid, Map<String, List<Hostile>> fields,
                                                  Supplier<?> rows) {
        return fields.entrySet().stream().flatMap(field -> HostileInputs.refused(route + " " + field.getKey(), field.getValue(),
                (Hostile value) -> caller.client().contentType(ContentType.JSON)
                        .body(HostileInputs.jsonWith(valid, field.getKey(), value.value()))
                        .when().request(method, path), rows));
    }
}
