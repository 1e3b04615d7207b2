package io.lecturevision.common.error;

import java.util.List;

/** Input that fails checks made in code (multipart fields, headers): rendered as FastAPI's 422 list. */
public class RequestValidationException extends RuntimeException {

    private final List<ValidationError> errors;

    public RequestValidationException(List<ValidationError> errors) {
        super(errors.toString(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public static RequestValidationException of(String location, String field, String message, String type) {
        return new RequestValidationException(List.of(new ValidationError(List.of(location, field), message, type)));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
