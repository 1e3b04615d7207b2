package io.lecturevision.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an upload route's HTTP security policy does with the body it has not read when it refuses the caller
 * on the headers alone. A body announced as large is not read: on HTTP/1.1 the connection ends with the
 * refusal. Any other body (announced under {@link #DRAINED_BELOW}, or chunked, as RestAssured and some
 * upload clients send multipart) is read and dropped before the refusal is answered, as any server reads a
 * small request: a client still sending it gets the answer on a connection that stays usable, not a broken
 * pipe halfway through its request. A chunked body that passes {@link #DRAINED_BELOW} is answered then,
 * and the connection ends with the answer.
 */
public final class RefusedUploads {

    /** Bodies announced under this size are read and dropped before a refusal instead of closing the connection. */
    private static final long DRAINED_BELOW = 1024 * 1024;

    private RefusedUploads() {
    }

    /**
     * Prepares the connection for a refusal the policy is about to give, and completes when the refusal may be
     * answered: at once for a body announced at {@link #DRAINED_BELOW} or more (the connection then ends with
     * the answer); otherwise once the body has been read to its end, or once {@link #DRAINED_BELOW} bytes of a
     * body of unannounced length (chunked) have been read without its end (then the connection ends with the
     * answer too). May be called from any thread.
     */
    public static Uni<Void> beforeRefusing(RoutingContext request) {
        HttpServerRequest incoming = request.request();
        if (incoming.isEnded() || incoming.version() == HttpVersion.HTTP_2) {
            return Uni.createFrom().voidItem();
        }
        if (announcedLength(incoming) >= DRAINED_BELOW) {
            closeAfterAnswer(request);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(settled -> drain(request, () -> settled.complete(null)));
    }

    /**
     * For a refusal already written (a token refused while being authenticated is answered 401 before the
     * policy hears of it): a large announced body ends the connection once the answer is out; any other is
     * read and dropped, up to {@link #DRAINED_BELOW} bytes.
     */
    public static void afterRefusal(RoutingContext request) {
        beforeRefusing(request).subscribe().with(drained -> {
        });
    }

    /**
     * Reads and drops the body on the request's event loop; runs {@code settled} once, when the body has ended
     * or failed, or when it passed {@link #DRAINED_BELOW} bytes (the connection then ends with the answer).
     */
    private static void drain(RoutingContext request, Runnable settled) {
        HttpServerRequest incoming = request.request();
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                settled.run();
            }
        };
        ((HttpServerRequestInternal) incoming).context().runOnContext(onLoop -> {
            if (incoming.isEnded()) {
                once.run();
                return;
            }
            AtomicLong read = new AtomicLong();
            try {
                incoming.handler(chunk -> {
                    if (read.addAndGet(chunk.length()) >= DRAINED_BELOW && !done.get()) {
                        closeAfterAnswer(request);
                        once.run();
                    }
                });
                incoming.exceptionHandler(failure -> once.run());
                incoming.endHandler(ended -> once.run());
                incoming.resume();
            } catch (IllegalStateException alreadyRead) {
                once.run();
            }
        });
    }

    private static void closeAfterAnswer(RoutingContext request) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            request.request().connection().close();
            return;
        }
        if (!response.headWritten()) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.bodyEndHandler(ended -> request.request().connection().close());
    }

    /** The announced Content-Length; -1 when there is none (chunked), and the largest long when it is not a number. */
    private static long announcedLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
