package io.lecturevision.video;

import io.lecturevision.common.security.Roles;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller who may not add videos announces a 512 MB multipart upload and sends only its first 64 KiB: the
 * answer must come before any more is sent, so the service decided on the headers alone and read at most
 * those 64 KiB of the body (well under 1 MB), and it closes the connection instead of reading the rest.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UploadRefusedBeforeBodyTest {

    private static final long ANNOUNCED = 512L * 1024 * 1024;
    private static final int SENT = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MS = 60_000;

    @ParameterizedTest
    @CsvSource({"none, 401", "guest, 403", "admin-of-none, 403", "platform-admin, 403"})
    void aCallerWhoMayNotUploadIsAnsweredBeforeTheBodyIsRead(String who, int status) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            String boundary = "b" + UUID.randomUUID();
            String authorization = authorization(who);
            out.write(("POST /v1/videos HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + ANNOUNCED + "\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                    + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(Videos.mp4(SENT, 7));
            out.flush();

            String answer = readUntilClosed(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        }
    }

    /**
     * A refused caller's small upload (a member's browser, or RestAssured, which sends multipart chunked) is
     * read to its end before the 403, and the connection stays usable: the next request on it is answered.
     * A connection ended with the refusal instead breaks a client still sending (a broken pipe, seen on a
     * loaded machine).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSmallRefusedBodyIsReadAndTheConnectionStaysUsable(boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            String boundary = "b" + UUID.randomUUID();
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"small.mp4\"\r\n"
                    + "Content-Type: video/mp4\r\n\r\n" + "x".repeat(1000) + "\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /v1/videos HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization("guest")
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: " + body.length + "\r\n\r\n"))
                    .getBytes(StandardCharsets.US_ASCII));
            for (int[] part : new int[][] {{0, 100}, {100, body.length - 100}}) {
                if (chunked) {
                    out.write((Integer.toHexString(part[1]) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, part[0], part[1]);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            InputStream in = socket.getInputStream();
            String refusal = readOneResponse(in);
            assertTrue(refusal.startsWith("HTTP/1.1 403 "), refusal);
            assertFalse(refusal.toLowerCase(Locale.ROOT).contains("\r\nconnection: close"), refusal);

            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String next = readUntilClosed(in);
            assertTrue(next.startsWith("HTTP/1.1 200 "), next);
        }
    }

    /** One response with a Content-Length body, read exactly, leaving the connection for the next one. */
    private static String readOneResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed after: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(headers);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return headers + new String(in.readNBytes(size), StandardCharsets.ISO_8859_1);
    }

    /**
     * Everything the server sends until it closes the connection (a reset, since the client's unread bytes are
     * discarded, also counts as closed); fails if it keeps the connection open for a minute.
     */
    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open after: " + received.toString(StandardCharsets.ISO_8859_1), e);
        } catch (SocketException reset) {
            // closed with unread request bytes: what arrived before the reset is the answer
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static String authorization(String who) {
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        String user = UUID.randomUUID().toString();
        String token = switch (who) {
            case "none" -> null;
            case "guest" -> TestJwt.sign(TestJwt.claims(user, Roles.GUEST)
                    .claim("corporation_id", UUID.randomUUID().toString()), keys);
            case "admin-of-none" -> TestJwt.sign(TestJwt.claims(user, Roles.ADMIN), keys);
            case "platform-admin" -> TestJwt.sign(TestJwt.claims(user, Roles.PLATFORM_ADMIN), keys);
            default -> throw new IllegalArgumentException(who);
        };
        return token == null ? "" : "Authorization: Bearer " + token + "\r\n";
    }
}
