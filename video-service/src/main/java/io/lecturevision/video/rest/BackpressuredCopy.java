package io.lecturevision.video.rest;

import io.lecturevision.common.error.ClientGone;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a stream to the HTTP response with at most {@link #IN_FLIGHT} chunks not yet written to the
 * socket. Quarkus REST's StreamingOutput stream does not wait for a slow client by itself
 * (quarkusio/quarkus#41635, #50317): from a worker thread every write is queued on the event loop,
 * and a whole video could pile up in direct memory. The status and headers are already set on the
 * response when this runs; the first write sends them.
 */
final class BackpressuredCopy {

    // Measured on 2 cores (bench/run-all stream): 256 KB chunks, each filled before it is written and
    // handed to Vert.x without a copy, cost 1.4-1.7 ms of CPU per MB of a full GET against 2.0 for
    // 64 KB chunks copied twice; four in flight keep a stream's memory near 1 MB.
    private static final int CHUNK = 256 * 1024;
    private static final int IN_FLIGHT = 4;
    private static final long CLIENT_STALL_SECONDS = 60;

    private BackpressuredCopy() {
    }

    static void copy(InputStream in, HttpServerResponse response) throws IOException {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        while (true) {
            byte[] chunk = new byte[CHUNK];
            int read = in.readNBytes(chunk, 0, CHUNK);
            if (read == 0) {
                break;
            }
            acquire(window, 1);
            if (failure.get() != null) {
                throw new ClientGone("the client went away", failure.get());
            }
            response.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk, 0, read))).onComplete(done -> {
                if (done.failed()) {
                    failure.compareAndSet(null, done.cause());
                }
                window.release();
            });
        }
        acquire(window, IN_FLIGHT);
        if (failure.get() != null) {
            throw new ClientGone("the client went away", failure.get());
        }
    }

    private static void acquire(Semaphore window, int permits) throws IOException {
        try {
            if (!window.tryAcquire(permits, CLIENT_STALL_SECONDS, TimeUnit.SECONDS)) {
                throw new ClientGone("the client stopped reading for " + CLIENT_STALL_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the client", e);
        }
    }
}
