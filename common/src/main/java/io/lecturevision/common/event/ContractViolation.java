package io.lecturevision.common.event;

/** The record is not a valid event, or its data breaks the topic's contract: it can never be applied. */
public class ContractViolation extends PermanentEventFailure {

    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
