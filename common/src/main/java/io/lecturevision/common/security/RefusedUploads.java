package io.lecturevision.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * What an upload route's HTTP security policy does with the body it has not read when it refuses the caller
 * on the headers alone. A large body is not read: on HTTP/1.1 the connection ends with the refusal. A body
 * announced under {@link #DRAINED_BELOW} is read to its end and dropped before the refusal is answered, as
 * any server would read a small request: a client still sending it (a browser, or any client on a busy
 * machine) then gets the answer on a connection that stays usable, not a reset halfway through its request.
 */
public final class RefusedUploads {

    /** Bodies announced under this size are read and dropped before a refusal instead of closing the connection. */
    public static final long DRAINED_BELOW = 1024 * 1024;

    private RefusedUploads() {
    }

    /**
     * Prepares the connection for a refusal the policy is about to give, and completes when the refusal may be
     * answered: once a small body has been read, at once otherwise. May be called from any thread.
     */
    public static Uni<Void> beforeRefusing(RoutingContext request) {
        HttpServerRequest incoming = request.request();
        if (incoming.isEnded() || incoming.version() == HttpVersion.HTTP_2) {
            return Uni.createFrom().voidItem();
        }
        if (!smallBody(incoming)) {
            closeAfterAnswer(request);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(drained -> ((HttpServerRequestInternal) incoming).context().runOnContext(onLoop -> {
            if (incoming.isEnded()) {
                drained.complete(null);
                return;
            }
            try {
                incoming.handler(ignored -> {
                });
                incoming.exceptionHandler(failure -> drained.complete(null));
                incoming.endHandler(ended -> drained.complete(null));
                incoming.resume();
            } catch (IllegalStateException alreadyRead) {
                drained.complete(null);
            }
        }));
    }

    /**
     * For a refusal already written (a token refused while being authenticated is answered 401 before the
     * policy hears of it): a large unread body ends the connection once the answer is out; a small one is
     * read and dropped as usual.
     */
    public static void afterRefusal(RoutingContext request) {
        HttpServerRequest incoming = request.request();
        if (incoming.isEnded() || incoming.version() == HttpVersion.HTTP_2) {
            return;
        }
        if (smallBody(incoming)) {
            beforeRefusing(request).subscribe().with(drained -> {
            });
            return;
        }
        closeAfterAnswer(request);
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

    private static boolean smallBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) < DRAINED_BELOW;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
