package io.lecturevision.common.event;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer that could not reach the broker yet logs a warning; anything else is an error with its stack trace. */
class BrokerNotReachedYetTest {

    @Test
    void aTimedOutCallIsRoutineAnAuthorizationOrABugIsNot() {
        assertTrue(EventConsumers.brokerNotReachedYet(new IllegalStateException("could not declare topics",
                new ExecutionException(new TimeoutException("Timed out waiting to send the call. Call: listTopics")))));
        assertFalse(EventConsumers.brokerNotReachedYet(new IllegalStateException("could not declare topics",
                new TopicAuthorizationException("denied"))));
        assertFalse(EventConsumers.brokerNotReachedYet(new NullPointerException()));
    }
}
