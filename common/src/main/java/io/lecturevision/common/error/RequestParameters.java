package io.lecturevision.common.error;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The resource method's HTTP parameters, named as FastAPI names them: {@code ["query","limit"]},
 * {@code ["path","user_id"]}, {@code ["header","x-timestamp"]}, {@code ["body","username"]} (forms).
 * Quarkus REST answers a parameter it cannot convert with a bare 404 (query, path) or 400 (header,
 * form) that does not say which one; {@link #malformed} finds it again by converting each raw value.
 */
final class RequestParameters {

    /** Where a parameter comes from and its name on the wire. */
    record Source(String location, String name) {
        List<Object> loc() {
            return List.of(location, name);
        }
    }

    private RequestParameters() {
    }

    /** The source of the method's parameter at {@code index}, if it is an HTTP parameter. */
    static Optional<Source> source(Method method, int index) {
        if (method == null || index < 0 || index >= method.getParameterCount()) {
            return Optional.empty();
        }
        Parameter parameter = method.getParameters()[index];
        for (Annotation annotation : parameter.getAnnotations()) {
            Source source = sourceOf(annotation, parameter.getName());
            if (source != null) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /** FastAPI's 422 entries for every parameter of the matched method whose raw value does not convert. */
    static List<ValidationError> malformed(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        List<ValidationError> errors = new ArrayList<>();
        if (method == null || request == null) {
            return errors;
        }
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Optional<Source> source = source(method, i);
            if (source.isEmpty()) {
                continue;
            }
            Class<?> type = parameters[i].getType();
            for (String value : rawValues(request, source.get())) {
                String problem = conversionProblem(type, value);
                if (problem != null) {
                    errors.add(new ValidationError(source.get().loc(), problem, typeName(type)));
                    break;
                }
            }
        }
        return errors;
    }

    private static Source sourceOf(Annotation annotation, String javaName) {
        if (annotation instanceof QueryParam query) {
            return new Source("query", query.value());
        }
        if (annotation instanceof RestQuery query) {
            return new Source("query", orDefault(query.value(), javaName));
        }
        if (annotation instanceof PathParam path) {
            return new Source("path", path.value());
        }
        if (annotation instanceof RestPath path) {
            return new Source("path", orDefault(path.value(), javaName));
        }
        if (annotation instanceof HeaderParam header) {
            return new Source("header", header.value().toLowerCase(Locale.ROOT));
        }
        if (annotation instanceof RestHeader header) {
            return new Source("header", orDefault(header.value(), javaName).toLowerCase(Locale.ROOT));
        }
        if (annotation instanceof FormParam form) {
            return new Source("body", form.value());
        }
        if (annotation instanceof RestForm form) {
            return new Source("body", orDefault(form.value(), javaName));
        }
        if (annotation instanceof CookieParam cookie) {
            return new Source("cookie", cookie.value());
        }
        if (annotation instanceof RestCookie cookie) {
            return new Source("cookie", orDefault(cookie.value(), javaName));
        }
        return null;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static List<String> rawValues(ResteasyReactiveRequestContext request, Source source) {
        Object raw = switch (source.location()) {
            case "query" -> request.getQueryParameter(source.name(), false, false);
            case "path" -> request.getPathParameter(source.name(), false);
            case "header" -> request.getHeader(source.name(), false);
            case "body" -> request.getFormData() == null ? null : request.getFormParameter(source.name(), false, false);
            case "cookie" -> request.getCookieParameter(source.name());
            default -> null;
        };
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return raw instanceof String value ? List.of(value) : List.of();
    }

    /** Pydantic's message when {@code value} is not a {@code type}, or null when it converts (or is not ours to judge). */
    private static String conversionProblem(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(value);
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type.isEnum()) {
                return enumProblem(type, value);
            } else {
                return null;
            }
            return null;
        } catch (IllegalArgumentException e) {
            return messageFor(type);
        }
    }

    private static String enumProblem(Class<?> type, String value) {
        Object[] constants = type.getEnumConstants();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equals(value)) {
                return null;
            }
        }
        return "Input should be " + Arrays.stream(constants).map(c -> "'" + ((Enum<?>) c).name() + "'")
                .collect(Collectors.joining(", ")).replaceFirst(", ([^,]*)$", " or $1");
    }

    private static String messageFor(Class<?> type) {
        if (type == UUID.class) {
            return "Input should be a valid UUID, unable to parse string as a UUID";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "Input should be a valid number, unable to parse string as a number";
        }
        return "Input should be a valid integer, unable to parse string as an integer";
    }

    private static String typeName(Class<?> type) {
        if (type == UUID.class) {
            return "uuid_parsing";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "float_parsing";
        }
        return "int_parsing";
    }
}
