package io.lecturevision.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.EventContract;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks incoming events against the CloudEvents envelope and their topic's contract ({@link Contracts}). */
@ApplicationScoped
public class EventContracts {

    private final ObjectMapper mapper;
    private final Validator validator;

    public EventContracts(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The attributes every consumer relies on: id, type, a data object and, when present, spec version 1.0. */
    public void checkEnvelope(EventEnvelope event) {
        if (event == null || event.id() == null || event.type() == null || event.type().isBlank()) {
            throw new ContractViolation("envelope lacks id or type");
        }
        if (event.specversion() != null && !EventEnvelope.SPEC_VERSION.equals(event.specversion())) {
            throw new ContractViolation("unsupported CloudEvents specversion " + event.specversion());
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new ContractViolation("event " + event.id() + " has no data object");
        }
    }

    /** The data read as the topic's record and validated; nothing to check for a topic without a contract. */
    public void checkData(EventEnvelope event) {
        Optional<EventContract> contract = Contracts.forTopic(event.type());
        if (contract.isPresent()) {
            read(event, contract.get().payload());
        }
    }

    /** The data read as {@code type} and validated; nothing to check when {@code type} is null. */
    public void checkData(EventEnvelope event, Class<?> type) {
        if (type != null) {
            read(event, type);
        }
    }

    /** {@code event}'s data as {@code type}, or a {@link ContractViolation} saying what is wrong with it. */
    public <T> T read(EventEnvelope event, Class<T> type) {
        T payload;
        try {
            payload = mapper.treeToValue(event.data(), type);
        } catch (Exception e) {
            throw new ContractViolation(event.type() + " data is not a " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new ContractViolation(event.type() + " data breaks its contract: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        return payload;
    }
}
