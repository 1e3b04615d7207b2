package io.lecturevision.common.event;

import java.time.Instant;
import java.util.List;

/**
 * What one event consumer is doing, for readiness and operators.
 *
 * @param state       {@link State}
 * @param partitions  the partitions assigned to it now, e.g. {@code user.deleted-0}
 * @param lastError   the last failure (retried or fatal to its thread), null when none yet
 * @param restarts    how often its thread died and was started again
 * @param lag         records on its partitions not yet read, as of its last poll
 */
public record ConsumerStatus(String name, String topic, State state, List<String> partitions, String lastError,
                             Instant lastErrorAt, int restarts, long lag) {

    public enum State {
        /** Connecting or waiting for its first assignment. */
        STARTING,
        RUNNING,
        /** An event keeps failing for a passing reason; it is retried and its offset not committed. */
        RETRYING,
        /** Its thread died; it is started again after a backoff. */
        RESTARTING,
        STOPPED;

        public boolean ready() {
            return this == STARTING || this == RUNNING;
        }
    }
}
