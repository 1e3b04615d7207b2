package io.lecturevision.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Inputs the seeds accepted: dates with or without time and zone, user names in any script. */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class TolerantInputsTest {

    private static final String PASSWORD = "password123";

    @Test
    void koreanUserNameRegistersAndLogsIn() {
        String name = hangul(3);
        Api.client().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD))
                .when().post("/register").then().statusCode(200).body("username", equalTo(name));
        login(name).then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void decomposedFormIsTheSameName() {
        String name = hangul(4);
        Api.client().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD))
                .when().post("/register").then().statusCode(200);
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        Api.client().contentType(ContentType.JSON).body(Map.of("username", decomposed, "password", PASSWORD))
                .when().post("/register").then().statusCode(400).body("detail", equalTo("Username already registered"));
        login(decomposed).then().statusCode(200);
    }

    @Test
    void namesWithInnerSpacesAreCaseInsensitiveInAnyScript() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String name = "Äbc Dëf " + suffix;
        Api.client().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD))
                .when().post("/register").then().statusCode(200).body("username", equalTo(name));
        Api.client().contentType(ContentType.JSON).body(Map.of("username", "äBC dËF " + suffix.toUpperCase(), "password", PASSWORD))
                .when().post("/register").then().statusCode(400).body("detail", equalTo("Username already registered"));
        login("ÄBC DËF " + suffix).then().statusCode(200);
    }

    @Test
    void namesWithOuterSpacesOrSymbolsAreRefused() {
        for (String bad : new String[] {" lead", "trail ", "semi;colon", "angle<b>"}) {
            Api.client().contentType(ContentType.JSON).body(Map.of("username", bad, "password", PASSWORD))
                    .when().post("/register").then().statusCode(422)
                    .body("detail[0].loc", contains("body", "username"));
        }
    }

    @Test
    void planExpiryAcceptsADateALocalDateTimeOrAZonedOne() {
        String admin = Api.adminToken();
        createdExpiry(admin, "2030-12-31", "2030-12-31T23:59:59.999999Z");
        createdExpiry(admin, "2030-12-31T10:00:00", "2030-12-31T10:00:00Z");
        createdExpiry(admin, "2030-12-31T10:00:00+09:00", "2030-12-31T01:00:00Z");
        createdExpiry(admin, "2030-12-31 10:00:00Z", "2030-12-31T10:00:00Z");
        Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "corp-" + UUID.randomUUID(), "plan_type", "PAID", "plan_expired_at", "31/12/2030"))
                .when().post("/v1/corporations").then().statusCode(422)
                .body("detail[0].loc", contains("body", "plan_expired_at"));
    }

    @Test
    void planExpiryDateAloneOnUpdateToo() {
        String admin = Api.adminToken();
        String id = Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "corp-" + UUID.randomUUID(), "plan_type", "FREE"))
                .when().post("/v1/corporations").then().statusCode(201).extract().path("id");
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("plan_type", "PAID", "plan_expired_at", "2031-06-30"))
                .when().patch("/v1/corporations/" + id).then().statusCode(200)
                .body("plan_expired_at", equalTo("2031-06-30T23:59:59.999999Z"));
    }

    /** The form as browsers and python clients send it: UTF-8 percent-encoding, no charset parameter. */
    private static io.restassured.response.Response login(String username) {
        String body = "grant_type=&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD + "&scope=&client_id=&client_secret=";
        return Api.client().config(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded").body(body).when().post("/token");
    }

    private static void createdExpiry(String admin, String sent, String stored) {
        Api.as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "corp-" + UUID.randomUUID(), "plan_type", "PAID", "plan_expired_at", sent))
                .when().post("/v1/corporations").then().statusCode(201).body("plan_expired_at", equalTo(stored));
    }

    /** A random name of Hangul syllables, so reruns never collide. */
    private static String hangul(int length) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            name.append((char) (0xAC00 + ThreadLocalRandom.current().nextInt(11172)));
        }
        return name.toString();
    }
}
