package io.lecturevision.audio.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lecturevision.audio.config.AudioConfig;
import io.lecturevision.audio.service.JobService.JobEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSE listeners held by this instance, by job. A job's new events are read once per
 * notification, whoever listens, and fanned out in memory: a thousand listeners on one job cost one
 * query per event, not a thousand. Notifications come from {@link ProgressNotifications}, for
 * changes made on any instance.
 */
@ApplicationScoped
public class ProgressHub {

    private static final Logger LOG = Logger.getLogger(ProgressHub.class);

    private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final JobService jobs;
    private final ObjectMapper mapper;
    private final AudioConfig config;

    public ProgressHub(JobService jobs, ObjectMapper mapper, AudioConfig config) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * A job's events after {@code lastEventId}, then its new ones as they happen; completes after
     * the completed or failed event. The listener is registered before the replay is read, so
     * nothing committed in between is missed (events are numbered; none is sent twice).
     */
    public Multi<OutboundSseEvent> subscribe(UUID jobId, int lastEventId, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            Listener listener = new Listener(jobId, emitter, sse, lastEventId);
            emitter.onTermination(listener::terminated);
            listeners.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(listener);
            listener.deliver(jobs.eventsAfter(jobId, lastEventId));
        }, BackPressureStrategy.BUFFER);
    }

    /** A job changed (on any instance): one read of its new events for all of this instance's listeners. */
    public void changed(UUID jobId) {
        Set<Listener> audience = listeners.get(jobId);
        if (audience == null || audience.isEmpty()) {
            return;
        }
        int from = audience.stream().mapToInt(Listener::lastSent).min().orElse(0);
        List<JobEvent> events = jobs.eventsAfter(jobId, from);
        for (Listener listener : audience) {
            listener.deliver(events);
        }
    }

    /** After the notification connection was lost: whatever was missed meanwhile. */
    public void changedAll() {
        listeners.keySet().forEach(this::changed);
    }

    @Scheduled(every = "${lv.audio.sse.heartbeat:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        listeners.values().forEach(set -> set.forEach(Listener::heartbeat));
    }

    private void remove(Listener listener) {
        listeners.computeIfPresent(listener.jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private String data(JobEvent event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("job_id", event.jobId().toString());
        node.put("status", event.status());
        node.put("progress", event.progress());
        node.put("message", event.message());
        if (event.result() != null) {
            node.set("result", jobs.tree(event.result()));
        }
        return node.toString();
    }

    private final class Listener {
        private final UUID jobId;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Sse sse;
        private int lastSent;
        private boolean closed;

        Listener(UUID jobId, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, int lastSent) {
            this.jobId = jobId;
            this.emitter = emitter;
            this.sse = sse;
            this.lastSent = lastSent;
        }

        synchronized int lastSent() {
            return lastSent;
        }

        /** Sends, in order, the events this listener has not had; ends the stream after the last one. */
        synchronized void deliver(List<JobEvent> events) {
            for (JobEvent event : events) {
                if (closed || event.seq() <= lastSent) {
                    continue;
                }
                emitter.emit(sse.newEventBuilder().id(Integer.toString(event.seq()))
                        .reconnectDelay(config.sse().retryDelay().toMillis()).data(data(event)).build());
                lastSent = event.seq();
                if (event.last()) {
                    closed = true;
                    remove(this);
                    emitter.complete();
                }
            }
        }

        synchronized void heartbeat() {
            if (!closed) {
                emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
            }
        }

        /** The stream ended: completed, or the client went away. */
        void terminated() {
            synchronized (this) {
                closed = true;
            }
            remove(this);
            LOG.debugf("SSE listener of job %s done", jobId);
        }
    }
}
