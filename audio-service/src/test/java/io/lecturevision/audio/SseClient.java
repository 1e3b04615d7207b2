package io.lecturevision.audio;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events client over HTTP/1.1 that records every line it receives, as a browser would read them. */
final class SseClient implements AutoCloseable {

    /** One event: its id, retry and data fields. */
    record Event(String id, String retry, String data) {
    }

    final List<String> lines = new CopyOnWriteArrayList<>();
    final HttpResponse<Stream<String>> response;
    final CompletableFuture<Void> ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.ended = CompletableFuture.runAsync(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
    }

    static SseClient open(String path, String jwt, String lastEventId) throws Exception {
        return open(RestAssured.port, path, jwt, lastEventId);
    }

    /** The same against the instance listening on {@code port}. */
    static SseClient open(int port, String path, String jwt, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + jwt);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseClient(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    boolean finished() {
        return ended.isDone();
    }

    /** The events received so far (comments are not events). */
    List<Event> events() {
        List<Event> events = new ArrayList<>();
        String id = null;
        String retry = null;
        StringBuilder data = null;
        for (String line : List.copyOf(lines)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(id, retry, data.toString()));
                }
                id = null;
                retry = null;
                data = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("retry:")) {
                retry = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
            }
        }
        return events;
    }

    boolean sawComment() {
        return lines.stream().anyMatch(line -> line.startsWith(":"));
    }

    @Override
    public void close() {
        ended.cancel(true);
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
