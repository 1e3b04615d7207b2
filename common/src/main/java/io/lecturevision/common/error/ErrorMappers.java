package io.lecturevision.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.lecturevision.common.request.RequestIds;
import io.lecturevision.common.security.Callers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Renders every failure in FastAPI's shapes, so the seeds' clients keep parsing our errors. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder builder = json(e.status(), new ErrorResponse(e.detail()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response requestValidation(RequestValidationException e) {
        return json(422, new ValidationErrorResponse(e.errors())).build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        List<ValidationError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new ValidationError(location(violation.getPropertyPath(), method), violation.getMessage(),
                    violationType(violation)));
        }
        errors.sort(Comparator.comparing(error -> error.loc().toString()));
        return json(422, new ValidationErrorResponse(errors)).build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unparsableBody(JsonParseException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableBody(JsonProcessingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        String type = "json_invalid";
        String msg = "JSON decode error";
        if (e instanceof JsonMappingException mapping && !(e.getClass() == JsonMappingException.class && mapping.getPath().isEmpty())) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
            if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                type = "type_error";
                msg = "Input has the wrong type";
            }
        }
        return json(422, new ValidationErrorResponse(List.of(new ValidationError(loc, msg, type)))).build();
    }

    @ServerExceptionMapper
    public Response clientGone(ClientGone e, HttpServerRequest request) {
        LOG.debugf("%s %s: %s", request.method().name(), request.path(), e.getMessage());
        return Response.noContent().build();   // never sent: the connection is closed or reset
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return json(401, new ErrorResponse("Not authenticated")).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return json(401, new ErrorResponse("Could not validate credentials")).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, new ErrorResponse("Not enough permissions")).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if ((status == 400 || status == 404) && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // Quarkus REST's answer to a parameter it could not convert: FastAPI names the parameter in a 422.
            List<ValidationError> malformed = RequestParameters.malformed(resource);
            if (!malformed.isEmpty()) {
                return json(422, new ValidationErrorResponse(malformed)).build();
            }
        }
        if (status >= 500) {
            return unexpected(e, null);
        }
        Response.ResponseBuilder builder = json(status, new ErrorResponse(reasonPhrase(status)));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Optional<Response> refusedInput = refusedInput(e, request);
        if (refusedInput.isPresent()) {
            return refusedInput.get();
        }
        String method = request == null ? "?" : request.method().name();
        String path = request == null ? "?" : request.path();
        String user = Callers.userId(identity).orElse("anonymous");
        LOG.errorf(e, "Unhandled %s on %s %s (request %s, user %s)", e.getClass().getName(), method, path,
                RequestIds.current(), user);
        return json(500, new ErrorResponse("Internal Server Error")).build();
    }

    /**
     * Input refused below the services, found anywhere in the cause chain. A body the multipart
     * parser could not read is 400 (FastAPI's "There was an error parsing the body"; 413 when it
     * outgrew the limit). What the database refused because of a request's values: a value it cannot
     * store or compare (SQLSTATE class 22: NUL in text, out-of-range numbers and dates) is 422; a
     * unique key taken by a concurrent request is 409; a row another request deleted first
     * (Hibernate's stale state) is 404. Services check values before the database does; this keeps a
     * case they missed a 4xx instead of a 500.
     */
    private static Optional<Response> refusedInput(Throwable e, HttpServerRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (thrownByTheBodyParser(cause)) {
                // Quarkus REST's multipart parser fails with a bare exception on a malformed body
                return Optional.of(cause instanceof java.io.IOException && "Request too large".equals(cause.getMessage())
                        ? refused(413, new ErrorResponse("Request Entity Too Large"), cause, request)
                        : refused(400, new ErrorResponse("There was an error parsing the body"), cause, request));
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return Optional.of(refused(404, new ErrorResponse("Not Found"), cause, request));
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().startsWith("22")) {
                    return Optional.of(refused(422, new ValidationErrorResponse(List.of(new ValidationError(List.of("body"),
                            "Value cannot be stored", "value_error"))), cause, request));
                }
                if (sql.getSQLState().equals("23505")) {
                    return Optional.of(refused(409, new ErrorResponse("Conflict"), cause, request));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean thrownByTheBodyParser(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                    || frame.getClassName().equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler")) {
                return true;
            }
        }
        return false;
    }

    private static Response refused(int status, Object body, Throwable cause, HttpServerRequest request) {
        LOG.infof("%s %s refused with %d (%s): %s", request == null ? "?" : request.method().name(),
                request == null ? "?" : request.path(), status, cause.getClass().getSimpleName(), cause.getMessage());
        return json(status, body).build();
    }

    /** Framework exceptions carry internal wording; clients get the status' reason, as FastAPI sends. */
    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    /**
     * A bean's fields are FastAPI's {@code ["body", field]}; an HTTP parameter is located where it came
     * from ({@code ["query", "limit"]}, {@code ["path", "user_id"]}, {@code ["header", "x-timestamp"]}).
     */
    private static List<Object> location(Path path, Method method) {
        String parameter = null;
        Optional<RequestParameters.Source> source = Optional.empty();
        List<Object> inside = new ArrayList<>();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                source = RequestParameters.source(method, node.as(Path.ParameterNode.class).getParameterIndex());
                continue;
            }
            if (node.getName() != null) {
                inside.add(node.getName());
            }
            if (node.getIndex() != null) {
                inside.add(node.getIndex());
            }
        }
        List<Object> loc = new ArrayList<>();
        if (inside.isEmpty() && source.isPresent()) {
            loc.addAll(source.get().loc());
        } else if (inside.isEmpty() && parameter != null) {
            loc.add("query");
            loc.add(parameter);
        } else {
            loc.add("body");
            loc.addAll(inside);
        }
        return loc;
    }

    private static String violationType(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull", "NotBlank", "NotEmpty" -> "missing";
            case "Email" -> "value_error.email";
            case "Size", "Length" -> "string_length";
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "number_range";
            case "Pattern" -> "string_pattern_mismatch";
            default -> "value_error";
        };
    }

    private static Response.ResponseBuilder json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
