package io.lecturevision.video.service;

import io.lecturevision.video.Video;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a stream as a view through {@link ViewService#recordView} unless this instance already
 * saw that user's view of that video committed. A player asks for many ranges of one video: without
 * this, each range was a write transaction that changed nothing. Only views known to be in the
 * database are remembered (the first-view guarantee stays with the database's unique constraint),
 * at most {@link #CAPACITY}, least recently streamed forgotten first.
 */
@ApplicationScoped
public class RecordedViews {

    static final int CAPACITY = 50_000;

    private final ViewService views;
    private final Map<String, Boolean> recorded = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    public RecordedViews(ViewService views) {
        this.views = views;
    }

    /** Call outside any transaction: {@code recordView} has committed when it returns. */
    public void record(String userId, Video video) {
        String key = userId + '\n' + video.id;
        synchronized (recorded) {
            if (recorded.get(key) != null) {
                return;
            }
        }
        views.recordView(userId, video);
        synchronized (recorded) {
            recorded.put(key, Boolean.TRUE);
        }
    }
}
