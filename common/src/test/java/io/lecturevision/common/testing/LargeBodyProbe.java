package io.lecturevision.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * Whether a server refuses a large body before reading it: over a raw HTTP/1.1 socket, announces a large
 * {@code Content-Length}, then sends the body slowly (16 KiB at a time) and never more than {@link #MAX_SENT}
 * bytes of it, counting the body bytes written before the first byte of the answer arrives. A server that
 * waits for the whole body never answers (the probe fails after a minute); one that answers has read less
 * than {@link #MAX_SENT}.
 */
public final class LargeBodyProbe {

    /** Never more than this much of the body is sent (under 1 MB). */
    public static final long MAX_SENT = 1_000_000;
    private static final int CHUNK = 16 * 1024;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    private LargeBodyProbe() {
    }

    /**
     * @param status         the answer's status code
     * @param head           the answer's status line and headers
     * @param bodyBytesSent  body bytes written before the answer's first byte arrived
     */
    public record Answer(int status, String head, long bodyBytesSent) {
    }

    /**
     * Sends {@code method path} with {@code headerLines} (each ending in CRLF, e.g. Authorization and
     * Content-Type), {@code Content-Length: announced}, {@code bodyStart}, then filler bytes.
     */
    public static Answer send(int port, String method, String path, String headerLines, byte[] bodyStart, long announced)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            AtomicLong sent = new AtomicLong();
            AtomicLong sentAtAnswer = new AtomicLong(-1);
            Thread reader = new Thread(() -> read(socket, received, sent, sentAtAnswer), "large-body-probe-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headerLines
                        + "Content-Length: " + announced + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bodyStart);
                out.flush();
                sent.addAndGet(bodyStart.length);
                byte[] filler = new byte[CHUNK];
                while (sentAtAnswer.get() < 0 && sent.get() + CHUNK <= Math.min(MAX_SENT, announced)) {
                    out.write(filler);
                    out.flush();
                    sent.addAndGet(CHUNK);
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            } catch (IOException closedByServer) {
                // the server answered and closed: what was written until then is counted
            }
            await().atMost(ANSWER_WITHIN).until(() -> headComplete(received) || !reader.isAlive());
            String answer;
            synchronized (received) {
                answer = received.toString(StandardCharsets.ISO_8859_1);
            }
            if (!answer.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("no answer after " + sent.get() + " body bytes: " + answer);
            }
            int headEnd = answer.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(answer.substring(9, 12)), headEnd < 0 ? answer : answer.substring(0, headEnd),
                    sentAtAnswer.get());
        }
    }

    private static boolean headComplete(ByteArrayOutputStream received) {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
        }
    }

    private static void read(Socket socket, ByteArrayOutputStream received, AtomicLong sent, AtomicLong sentAtAnswer) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                sentAtAnswer.compareAndSet(-1, sent.get());
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // a reset after the answer (unread request bytes discarded) ends the answer too
        }
        sentAtAnswer.compareAndSet(-1, sent.get());
    }
}
