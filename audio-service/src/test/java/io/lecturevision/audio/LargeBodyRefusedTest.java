package io.lecturevision.audio;

import io.lecturevision.common.security.Roles;
import io.lecturevision.common.testing.LargeBodyProbe;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller who may not send a recording for a token announces a 90 MB multipart body: it is answered (401 without
 * a token, 403 for an account of no corporation, 404 outside the token's corporation or for a token that does not
 * exist) although less than 1 MB of the body was ever sent (LargeBodyProbe), and the connection is closed, so the
 * service decided on the headers alone (RecordingUploaderPolicy). The body bytes sent before the answer are printed.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class LargeBodyRefusedTest {

    private static final long ANNOUNCED = 90L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no token, 401", "no corporation, 403", "other corporation, 404", "missing token, 404"})
    void aCallerWhoMayNotSendIsAnsweredBeforeTheBodyIsRead(String who, int status) throws Exception {
        Members.Member owner = Members.member();
        long token = Members.token(owner, 1, "one two");
        String authorization = switch (who) {
            case "no token" -> "";
            case "no corporation" -> bearer(TestJwtKeys.token(UUID.randomUUID().toString(), Roles.PLATFORM_ADMIN));
            case "other corporation" -> bearer(Members.member().jwt());
            case "missing token" -> bearer(owner.jwt());
            default -> throw new IllegalArgumentException(who);
        };
        long target = who.equals("missing token") ? token + 1_000_000 : token;
        String boundary = "b" + UUID.randomUUID();
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"take.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF").getBytes(StandardCharsets.US_ASCII);

        LargeBodyProbe.Answer answer = LargeBodyProbe.send(RestAssured.port, "POST", "/tokens/" + target + "/upload-audio",
                authorization + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n", start, ANNOUNCED);

        assertEquals(status, answer.status(), answer.head());
        assertTrue(answer.head().toLowerCase(Locale.ROOT).contains("\r\nconnection: close"), answer.head());
        System.out.printf("upload-audio as %s: %d after %d body bytes%n", who, answer.status(), answer.bodyBytesSent());
    }

    @Test
    void aSmallUploadWithoutATokenGetsFastApisAnswer() {
        Members.Member owner = Members.member();
        long token = Members.token(owner, 1, "one two");
        RestAssured.given().multiPart("file", "take.wav", "RIFF".getBytes(StandardCharsets.US_ASCII), "audio/wav")
                .when().post("/tokens/" + token + "/upload-audio")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/json")
                .body("detail", equalTo("Not authenticated"));
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }
}
