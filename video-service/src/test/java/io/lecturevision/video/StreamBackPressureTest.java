package io.lecturevision.video;

import io.lecturevision.common.error.ErrorMappers;
import io.lecturevision.common.storage.ObjectStorage;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream's body is copied from the store with back-pressure: a video much larger than the
 * sockets' buffers, read by clients as a player would (slowly, hanging up midway, many short
 * ranges at once), over raw HTTP/1.1 connections; and an object missing from the store.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class StreamBackPressureTest {

    private static final int SIZE = 24 * 1024 * 1024;
    private static final int READ_TIMEOUT_MS = 60_000;

    @Inject
    ObjectStorage storage;

    private static Videos.Member admin;
    private static byte[] video;
    private static long id;

    /** RestAssured points at the service only once a test runs, so not in a {@code @BeforeAll}. */
    @BeforeEach
    void uploadALargeVideoOnce() {
        if (video == null) {
            admin = Videos.member(UUID.randomUUID(), "admin");
            video = Videos.mp4(SIZE, 24);
            id = Videos.upload(admin, video, "relay");
        }
    }

    @Test
    void aReaderThatKeepsPausingGetsEveryByteInOrder() throws Exception {
        try (Socket socket = request("")) {
            InputStream in = socket.getInputStream();
            String head = head(in);
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            assertTrue(head.contains("\r\nContent-Length: " + SIZE + "\r\n"), head);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            int read;
            // Pauses leave the sockets' buffers full, so the service must stop and resume its read from the store.
            while (total < SIZE && (read = in.read(buffer, 0, (int) Math.min(buffer.length, SIZE - total))) > 0) {
                received.update(buffer, 0, read);
                total += read;
                if (total % (4 * buffer.length) < read) {
                    Thread.sleep(50);
                }
            }
            assertEquals(SIZE, total);
            assertEquals(sha256(video), HexFormat.of().formatHex(received.digest()));
        }
    }

    @Test
    void clientsThatHangUpMidwayReleaseTheirWorkersAndTheNextStreamIsWhole() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler errorLog = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger mappers = Logger.getLogger(ErrorMappers.class.getName());
        mappers.addHandler(errorLog);
        try {
            for (int client = 0; client < 20; client++) {
                try (Socket socket = request(client % 2 == 0 ? "" : "Range: bytes=1000-" + (SIZE - 1) + "\r\n")) {
                    socket.setSoLinger(true, 0);
                    String head = head(socket.getInputStream());
                    assertTrue(head.startsWith("HTTP/1.1 20"), head);
                    socket.getInputStream().readNBytes(64 * 1024);
                }
            }
            await().atMost(Duration.ofSeconds(50)).until(() -> copiesInProgress() == 0);
        } finally {
            mappers.removeHandler(errorLog);
        }
        // A player that seeks or closes is routine: no error logged for it.
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
        byte[] whole = admin.client().when().get("/v1/videos/stream/" + id).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(video, whole);
        byte[] tail = admin.client().header("Range", "bytes=" + (SIZE - 10) + "-").when().get("/v1/videos/stream/" + id)
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(video, SIZE - 10, SIZE), tail);
    }

    @Test
    void manyShortRangesAtOnceEachArriveWhole() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI stream = URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/videos/stream/" + id);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                long seed = client;
                done.add(clients.submit(() -> {
                    Random random = new Random(seed);
                    for (int request = 0; request < 50; request++) {
                        int first = random.nextInt(SIZE - 70_000);
                        int last = first + random.nextInt(64 * 1024);
                        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(stream).timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + admin.token())
                                .header("Range", "bytes=" + first + "-" + last).build(), HttpResponse.BodyHandlers.ofByteArray());
                        assertEquals(206, range.statusCode());
                        assertArrayEquals(Arrays.copyOfRange(video, first, last + 1), range.body());
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aVideoWhoseObjectIsGoneFromTheStoreAnswers500BeforeAnyByte() {
        byte[] small = Videos.mp4(100_000, 25);
        long lost = Videos.upload(admin, small, "lost");
        String filePath = admin.client().when().get("/v1/videos/" + lost).then().statusCode(200).extract().path("file_path");
        storage.delete(filePath.replaceFirst("^s3://[^/]+/", ""));

        admin.client().when().get("/v1/videos/stream/" + lost).then().statusCode(500)
                .header("Content-Range", nullValue()).body("detail", equalTo("Internal Server Error"));
        admin.client().header("Range", "bytes=0-9").when().get("/v1/videos/stream/" + lost).then().statusCode(500);
        byte[] tail = admin.client().header("Range", "bytes=" + (SIZE - 10) + "-").when().get("/v1/videos/stream/" + id)
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(video, SIZE - 10, SIZE), tail);
    }

    /** Worker threads still copying a stream (this test runs in the service's JVM). */
    private static long copiesInProgress() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().equals("io.lecturevision.video.rest.BackpressuredCopy"))).count();
    }

    private static Socket request(String extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setReceiveBufferSize(64 * 1024);
        socket.getOutputStream().write(("GET /v1/videos/stream/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + admin.token() + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status line and headers, up to and including the empty line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
