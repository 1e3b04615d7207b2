package io.lecturevision.video.rest;

import io.lecturevision.common.storage.ByteRange;
import io.lecturevision.common.storage.ObjectStorage;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays an object, or one byte range of it, from the store to a client: the store's answer, fetched
 * through a short-lived presigned URL, is piped into the response on the event loop with Vert.x's
 * back-pressure. No byte passes through the heap or the S3 SDK, which with the copy loop were two
 * thirds of a stream's CPU (README, "Results"). A client that reads slowly pauses the store's answer,
 * so memory does not grow with the file.
 */
@ApplicationScoped
public class StoredObjectRelay {

    private static final Logger LOG = Logger.getLogger(StoredObjectRelay.class);
    private static final Duration URL_LIFETIME = Duration.ofMinutes(1);
    /**
     * A client that stops reading pauses the store's answer; once the store's connection has been idle
     * this long it is closed, which fails the relay and closes the client's connection too.
     */
    static final int STALL_SECONDS = 60;

    private final ObjectStorage storage;
    private final HttpClient store;

    public StoredObjectRelay(ObjectStorage storage, Vertx vertx) {
        this.storage = storage;
        this.store = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setIdleTimeout(STALL_SECONDS)
                .setKeepAlive(true)
                // Idle connections go back before the store's own idle timeout (S3Proxy's Jetty: 30 s) closes them.
                .setKeepAliveTimeout(10)
                .setMaxPoolSize(64));
    }

    /**
     * Sends {@code status} and {@code headers}, then the object's bytes ({@code range} only, when given),
     * and returns once the last byte has been handed to the connection, or once the client has left (a
     * player that seeks or closes hangs up mid-stream: logged, not an error). The response itself is
     * left open for the caller to end. Blocks a worker thread, never the event loop.
     *
     * @throws IOException when the store cannot give the object (nothing has been sent then) or fails
     *                     midway (the response is then incomplete)
     */
    public void relay(String key, ByteRange range, int status, Map<String, String> headers, HttpServerResponse response)
            throws IOException {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(storage.presignGet(key, URL_LIFETIME).toString());
        if (range != null) {
            request.putHeader("Range", range.header());
        }
        int expected = range == null ? 200 : 206;
        Promise<Outcome> relayed = Promise.promise();
        store.request(request).compose(HttpClientRequest::send)
                // A pooled connection the store closed as it was taken fails before any answer: once more, anew.
                .recover(stale -> store.request(request).compose(HttpClientRequest::send))
                .onComplete(sent -> {
                    if (sent.failed()) {
                        relayed.tryFail(new IOException("the store could not be asked for object " + key, sent.cause()));
                    } else if (sent.result().statusCode() != expected) {
                        sent.result().exceptionHandler(resetByUs -> { });
                        sent.result().request().reset();
                        relayed.tryFail(new IOException("the store answered " + sent.result().statusCode() + " instead of "
                                + expected + " for object " + key));
                    } else {
                        response.setStatusCode(status);
                        headers.forEach(response::putHeader);
                        pump(key, sent.result(), response, relayed);
                    }
                });
        try {
            if (relayed.future().toCompletionStage().toCompletableFuture().get() == Outcome.CLIENT_LEFT) {
                LOG.debugf("object %s: the client left after %d bytes", key, response.bytesWritten());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("relay of object " + key + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while relaying object " + key, e);
        }
    }

    private enum Outcome { SENT, CLIENT_LEFT }

    /**
     * Vert.x's Pipe, but telling the client's failures from the store's. Runs on the event loop; once
     * {@code relayed} completes, the worker ends the response, so nothing here touches it after that.
     */
    private static void pump(String key, HttpClientResponse answer, HttpServerResponse response, Promise<Outcome> relayed) {
        Context loop = Vertx.currentContext();
        AtomicBoolean left = new AtomicBoolean();
        Runnable clientLeft = () -> {
            if (left.compareAndSet(false, true)) {
                // A half-read answer cannot go back to the pool: its connection is closed.
                answer.request().reset();
                // Completed on the next turn of the loop, once the handler that saw the failure has returned.
                loop.runOnContext(next -> relayed.tryComplete(Outcome.CLIENT_LEFT));
            }
        };
        response.exceptionHandler(failure -> clientLeft.run());   // also called when the connection closes first
        answer.exceptionHandler(failure -> {
            if (!left.get()) {
                relayed.tryFail(new IOException("the store failed midway through object " + key, failure));
            }
        });
        answer.endHandler(end -> relayed.tryComplete(Outcome.SENT));
        answer.handler(chunk -> {
            if (left.get()) {
                return;   // chunks already received when the client left
            }
            response.write(chunk).onFailure(failure -> clientLeft.run());
            if (!left.get() && response.writeQueueFull()) {
                answer.pause();
                response.drainHandler(drained -> answer.resume());
            }
        });
    }
}
