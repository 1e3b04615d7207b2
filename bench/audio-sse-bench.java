import io.lecturevision.common.testing.TestJwt;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by bench/audio-sse-bench.sh against an audio-service it started: LISTENERS SSE streams held on
 * one job, then EVENTS progress events written and NOTIFY'd as a job's instance writes them (plus the
 * final one); reports events/s delivered over all listeners and how many times the service read the
 * job's events (index and sequential scans of analysis_job_event) during the burst.
 * Arguments: {@code keys DIR} writes a JWT key pair and prints its JWKS URI; {@code run} base URL, JWT key
 * dir, JDBC URL, DB user, DB password, listeners, events and optionally PostgreSQL's log (where the
 * service's statements are logged) runs the bench.
 */
public class AudioSseBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("keys")) {
            System.out.println(TestJwt.writeKeys(Path.of(args[1])).toUri());
            return;
        }
        args = java.util.Arrays.copyOfRange(args, 1, args.length);
        String base = args[0];
        Path keys = Path.of(args[1]);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(args[2]);
        db.setUser(args[3]);
        db.setPassword(args[4]);
        int listeners = Integer.parseInt(args[5]);
        int events = Integer.parseInt(args[6]);
        UUID corporation = UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        String jwt = TestJwt.sign(TestJwt.claims(user, "guest").claim("corporation_id", corporation.toString()), keys);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long script = id(post(http, base + "/scripts", jwt, "{\"title\":\"bench\",\"lines\":[\"a line\"]}"));
        long actor = id(post(http, base + "/actors", jwt, "{\"name\":\"bench\"}"));
        long token = id(post(http, base + "/tokens", jwt,
                "{\"script_id\":" + script + ",\"line_number\":1,\"actor_id\":" + actor + "}"));
        UUID job = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO analysis_job (id, token_id, corporation_id, requested_by, status, step, progress, message,
                    content_type, size_bytes, object_key, attempts, last_event_seq, created_at, updated_at, step_started_at)
                VALUES (?, ?, ?, ?, 'processing', 'analysing', 80, 'bench', 'audio/wav', 1, 'bench', 1, 0, now(), now(), now())""")) {
            insert.setObject(1, job);
            insert.setLong(2, token);
            insert.setObject(3, corporation);
            insert.setString(4, user);
            insert.executeUpdate();
        }

        int total = events + 1;
        CountDownLatch done = new CountDownLatch(listeners);
        AtomicLong delivered = new AtomicLong();
        AtomicLong firstAt = new AtomicLong(Long.MAX_VALUE);
        List<CompletableFuture<?>> streams = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(listeners);
        for (int i = 0; i < listeners; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/tokens/analysis-progress/" + job))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + jwt).build();
            streams.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                open.countDown();
                int[] seen = {0};
                response.body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        delivered.incrementAndGet();
                        seen[0]++;
                    }
                });
                if (seen[0] == total) {
                    done.countDown();
                }
            }));
        }
        if (!open.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + (listeners - open.getCount()) + " of " + listeners + " streams opened");
        }
        // PostgreSQL backends flush their statistics at most every second, idle ones within 10 s: let the
        // connect-time reads land before the first snapshot and the burst's before the second.
        Thread.sleep(11_000);
        Path statementLog = args.length > 7 ? Path.of(args[7]) : null;
        long logOffset = statementLog == null ? 0 : java.nio.file.Files.size(statementLog);
        long scansBefore = scans(db);
        System.out.printf("load average before the burst: %s%n", loadAverage());
        long started = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement event = c.prepareStatement("""
                         INSERT INTO analysis_job_event (job_id, seq, status, progress, message, result, created_at)
                         VALUES (?, ?, ?, ?, ?, ?, now())""");
                 PreparedStatement job2 = c.prepareStatement("UPDATE analysis_job SET last_event_seq = ?, status = ? WHERE id = ?");
                 PreparedStatement notify = c.prepareStatement("SELECT pg_notify('audio_job_progress', ?)")) {
                for (int seq = 1; seq <= total; seq++) {
                    boolean last = seq == total;
                    event.setObject(1, job);
                    event.setInt(2, seq);
                    event.setString(3, last ? "completed" : "processing");
                    event.setInt(4, last ? 100 : 80);
                    event.setString(5, last ? "분석 완료" : "분석 중... " + seq);
                    event.setString(6, last ? "{\"score\":1}" : null);
                    event.executeUpdate();
                    job2.setInt(1, seq);
                    job2.setString(2, last ? "completed" : "processing");
                    job2.setObject(3, job);
                    job2.executeUpdate();
                    notify.setString(1, job + ":" + seq);
                    notify.execute();
                    c.commit();
                }
            }
        }
        boolean all = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(11_000);
        long scans = scans(db) - scansBefore;
        System.out.printf("listeners %d, events per listener %d: %d events delivered in %.2f s = %.0f events/s%s%n",
                listeners, total, delivered.get(), seconds, delivered.get() / seconds,
                all ? "" : " (NOT all listeners got every event)");
        System.out.printf("scans of analysis_job_event counted by pg_stat_user_tables during the burst: %d%n", scans);
        if (statementLog != null) {
            long reads = readsLogged(statementLog, logOffset);
            System.out.printf("reads of the job's events logged by PostgreSQL during the burst: %d (%.2f per event, "
                    + "%.4f per event and listener)%n", reads, (double) reads / total, (double) reads / total / listeners);
        }
        System.out.printf("load average after: %s%n", loadAverage());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM analysis_job WHERE id = '" + job + "'");
        }
        System.exit(all ? 0 : 1);
    }

    /** The service's event reads (JobService.eventsAfter) in the statement log written after {@code offset}. */
    private static long readsLogged(Path log, long offset) throws Exception {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] appended = new byte[(int) (file.length() - offset)];
            file.readFully(appended);
            return new String(appended, java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains("SELECT seq, status, progress, message, result FROM analysis_job_event"))
                    .count();
        }
    }

    private static long scans(PGSimpleDataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables "
                     + "WHERE relname = 'analysis_job_event'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String loadAverage() throws Exception {
        String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String post(HttpClient http, String url, String jwt, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long id(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
