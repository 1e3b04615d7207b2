package io.lecturevision.vision;

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
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every route of vision-service that takes input, fed the hostile values of common's
 * {@link HostileInputs}: each is a 4xx in FastAPI's shape and adds no photo. Each upload comes from
 * a new user, so the upscale limit (10 per minute per user) is never what answers.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class HostileInputTest {

    private static final byte[] PHOTO = Photos.encode(Photos.noise(32, 24, 3), "png");

    @Inject
    DataSource dataSource;

    private Supplier<List<Long>> rows() {
        return () -> List.of(Db.count(dataSource, "SELECT count(*) FROM photo"));
    }

    private static List<Hostile> coordinates() {
        List<Hostile> values = new ArrayList<>(HostileInputs.numbers().stream()
                .filter(n -> !n.label().equals("negative") && !n.label().equals("empty")).toList());
        values.add(new Hostile("out of range", "181"));
        values.add(new Hostile("control characters", "1\u0001"));
        return values;
    }

    @TestFactory
    Stream<DynamicTest> upscaleAndBestCut() {
        List<Hostile> models = new ArrayList<>(HostileInputs.text().stream().filter(v -> v.value() instanceof String).toList());
        models.add(new Hostile("unknown model", "huge"));
        return Stream.of(
                HostileInputs.refused("POST /upscale lat", coordinates(), (Hostile lat) -> Photos.as(Photos.newUser())
                        .multiPart("file", "a.png", PHOTO, "image/png").multiPart("lat", (String) lat.value())
                        .when().post("/upscale"), rows()),
                HostileInputs.refused("POST /upscale lng", coordinates(), (Hostile lng) -> Photos.as(Photos.newUser())
                        .multiPart("file", "a.png", PHOTO, "image/png").multiPart("lng", (String) lng.value())
                        .when().post("/upscale"), rows()),
                HostileInputs.refused("POST /upscale model", models, (Hostile model) -> Photos.as(Photos.newUser())
                        .multiPart("file", "a.png", PHOTO, "image/png").multiPart("model", (String) model.value())
                        .when().post("/upscale"), rows()),
                HostileInputs.refused("POST /bestcut lat", coordinates(), (Hostile lat) -> Photos.as(Photos.newUser())
                        .multiPart("files", "a.png", PHOTO, "image/png").multiPart("files", "b.png", PHOTO, "image/png")
                        .multiPart("lat", (String) lat.value()).when().post("/bestcut"), rows()),
                HostileInputs.refused("POST /upscale multipart", HostileInputs.malformedMultipart("file", PHOTO).stream()
                                .filter(body -> !body.label().equals("NUL in the file name")).toList(),
                        (HostileInputs.Multipart body) -> Photos.as(Photos.newUser()).contentType(body.contentType())
                                .body(body.body()).when().post("/upscale"), rows()),
                HostileInputs.refused("POST /bestcut multipart", HostileInputs.malformedMultipart("files", PHOTO).stream()
                                .filter(body -> !body.label().equals("NUL in the file name")).toList(),
                        (HostileInputs.Multipart body) -> Photos.as(Photos.newUser()).contentType(body.contentType())
                                .body(body.body()).when().post("/bestcut"), rows())
        ).flatMap(s -> s);
    }

    @TestFactory
    Stream<DynamicTest> photos() {
        String user = Photos.newUser();
        List<Hostile> numbers = HostileInputs.queryNumbers();
        List<Hostile> ids = List.of(new Hostile("not a UUID", "photo-1"), new Hostile("NUL", "%00"),
                new Hostile("overlong", "a".repeat(2000)), new Hostile("number", "12"),
                new Hostile("unknown UUID", UUID.randomUUID().toString()));
        return Stream.of(
                HostileInputs.refused("GET /photos?skip", numbers,
                        (Hostile n) -> Photos.as(user).urlEncodingEnabled(false).when().get("/photos?skip=" + n.value()), rows()),
                HostileInputs.refused("GET /photos?limit", numbers,
                        (Hostile n) -> Photos.as(user).urlEncodingEnabled(false).when().get("/photos?limit=" + n.value()), rows()),
                HostileInputs.refused("GET /photos/{id}", ids,
                        (Hostile id) -> Photos.as(user).urlEncodingEnabled(false).when().get("/photos/" + id.value()), rows()),
                HostileInputs.refused("DELETE /photos/{id}", ids,
                        (Hostile id) -> Photos.as(user).urlEncodingEnabled(false).when().delete("/photos/" + id.value()), rows())
        ).flatMap(s -> s);
    }
}
