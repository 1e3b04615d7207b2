package io.lecturevision.audio;

import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.HostileInputs;
import io.lecturevision.common.testing.HostileInputs.Hostile;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The catalog routes of audio-service (scripts, actors, tokens) fed the hostile values of common's
 * {@link HostileInputs}: each is a 4xx in FastAPI's shape and changes no row.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class HostileInputTest {

    private static final byte[] RECORDING = "RIFF\0\0\0\0WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Inject
    DataSource dataSource;

    private Supplier<List<Object>> rows(long token) {
        return () -> List.of(Db.count(dataSource, "SELECT count(*) FROM script"),
                Db.count(dataSource, "SELECT count(*) FROM script_line"),
                Db.count(dataSource, "SELECT count(*) FROM actor"),
                Db.count(dataSource, "SELECT count(*) FROM token"),
                Db.count(dataSource, "SELECT count(*) FROM analysis_job"),
                String.valueOf(Db.scalar(dataSource, "SELECT md5(s::text) FROM script s JOIN token t ON t.script_id = s.id WHERE t.id = ?", token)),
                String.valueOf(Db.scalar(dataSource, "SELECT md5(a::text) FROM actor a JOIN token t ON t.actor_id = a.id WHERE t.id = ?", token)));
    }

    private static Stream<DynamicTest> jsonFields(String route, String method, String path, Members.Member member,
                                                  Map<String, Object> valid, Map<String, List<Hostile>> fields,
                                                  Supplier<?> rows) {
        return fields.entrySet().stream().flatMap(field -> HostileInputs.refused(route + " " + field.getKey(), field.getValue(),
                (Hostile value) -> member.json().body(HostileInputs.jsonWith(valid, field.getKey(), value.value()))
                        .when().request(method, path), rows));
    }

    @TestFactory
    Stream<DynamicTest> catalog() {
        Members.Member member = Members.member();
        long token = Members.token(member, 1, "a line");
        long script = ((Number) member.client().when().get("/tokens/" + token).then().statusCode(200)
                .extract().path("script_id")).longValue();
        long actor = ((Number) member.client().when().get("/tokens/" + token).then().extract().path("actor_id")).longValue();
        Supplier<List<Object>> rows = rows(token);
        List<Hostile> lines = new ArrayList<>();
        HostileInputs.requiredText().forEach(v -> lines.add(new Hostile("a line: " + v.label(), List.of(v.value()))));
        lines.add(new Hostile("no lines", List.of()));
        lines.add(new Hostile("1001 lines", java.util.Collections.nCopies(1001, "x")));
        lines.add(new Hostile("text instead of a list", "a line"));
        List<Hostile> ids = new ArrayList<>(HostileInputs.wrongJsonTypesForNumbers());
        ids.addAll(List.of(new Hostile("negative", -1), new Hostile("unknown", 9_000_000_000L), new Hostile("null", null)));
        Map<String, Object> validToken = new LinkedHashMap<>();
        validToken.put("script_id", script);
        validToken.put("line_number", 1);
        validToken.put("actor_id", actor);
        List<Hostile> lineNumbers = new ArrayList<>(ids);
        lineNumbers.addAll(List.of(new Hostile("zero", 0), new Hostile("past the last line", 2)));
        List<Hostile> urlNumbers = HostileInputs.queryNumbers();
        return Stream.of(
                jsonFields("POST /scripts", "POST", "/scripts", member, Map.of("title", "Scene", "lines", List.of("x")),
                        Map.of("title", HostileInputs.requiredText(), "lines", lines), rows),
                jsonFields("PATCH /scripts/{id}", "PATCH", "/scripts/" + script, member, Map.of(),
                        Map.of("title", HostileInputs.requiredText(), "lines", lines), rows),
                jsonFields("POST /actors", "POST", "/actors", member, Map.of("name", "Actor"),
                        Map.of("name", HostileInputs.requiredText()), rows),
                jsonFields("PUT /actors/{id}", "PUT", "/actors/" + actor, member, Map.of("name", "Actor"),
                        Map.of("name", HostileInputs.requiredText()), rows),
                jsonFields("POST /tokens", "POST", "/tokens", member, validToken,
                        Map.of("script_id", ids, "actor_id", ids, "line_number", lineNumbers), rows),
                HostileInputs.refused("GET /scripts/{id}", urlNumbers,
                        (Hostile n) -> member.client().urlEncodingEnabled(false).when().get("/scripts/" + n.value()), rows),
                HostileInputs.refused("DELETE /actors/{id}", urlNumbers,
                        (Hostile n) -> member.client().urlEncodingEnabled(false).when().delete("/actors/" + n.value()), rows),
                HostileInputs.refused("GET /tokens?script_id", urlNumbers.stream().filter(n -> !n.label().equals("negative")).toList(),
                        (Hostile n) -> member.client().urlEncodingEnabled(false).when().get("/tokens?script_id=" + n.value()), rows),
                HostileInputs.refused("POST /tokens/{id}/upload-audio multipart",
                        HostileInputs.malformedMultipart("file", RECORDING).stream()
                                .filter(body -> !body.label().equals("NUL in the file name")).toList(),
                        (HostileInputs.Multipart body) -> member.client().contentType(body.contentType()).body(body.body())
                                .when().post("/tokens/" + token + "/upload-audio"), rows)
        ).flatMap(s -> s);
    }
}
