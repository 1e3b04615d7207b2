package io.lecturevision.common.event;

/**
 * Thrown by an {@link EventHandler} for an event that can never be applied, however often it is
 * retried (it contradicts the contract, names something that cannot exist, ...): the record goes to
 * the dead-letter topic at once with this message as its reason. Any other exception is taken as
 * a passing failure (database, broker, store, a downstream service) and retried until it succeeds.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
