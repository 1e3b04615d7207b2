package io.lecturevision.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's configuration in the prod profile, as Quarkus would see it with no environment at all:
 * common's microprofile-config.properties overridden by the service's application.properties,
 * {@code %prod.} keys over plain ones, other profiles ignored.
 */
final class ServiceConfig {

    private final Map<String, String> values;

    private ServiceConfig(Map<String, String> values) {
        this.values = values;
    }

    static ServiceConfig prod(String service) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String file : new String[] {"common/src/main/resources/META-INF/microprofile-config.properties",
                service + "-service/src/main/resources/application.properties"}) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(Repository.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> merged.put(k, p.getProperty(k)));
            p.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                    .forEach(k -> merged.put(k.substring("%prod.".length()), p.getProperty(k)));
        }
        return new ServiceConfig(merged);
    }

    /** Environment variables (LV_*) that some prod property needs and has no default for. */
    Set<String> requiredEnvironment() {
        Set<String> required = new TreeSet<>();
        values.keySet().forEach(key -> resolve(key, required, 0));
        return required;
    }

    /** A property's value with every expression resolved; an LV_* without a default leaves it empty. */
    Optional<String> value(String key) {
        return values.containsKey(key) ? Optional.of(resolve(key, new TreeSet<>(), 0)) : Optional.empty();
    }

    private String resolve(String key, Set<String> missing, int depth) {
        String raw = values.get(key);
        return raw == null ? "" : expand(raw, missing, depth + 1);
    }

    private String expand(String text, Set<String> missing, int depth) {
        if (depth > 20) {
            throw new AssertionError("property expressions nest too deep: " + text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = closingBrace(text, start + 2);
            String expression = text.substring(start + 2, end);
            int colon = topLevelColon(expression);
            String name = colon < 0 ? expression : expression.substring(0, colon);
            String fallback = colon < 0 ? null : expression.substring(colon + 1);
            if (values.containsKey(name)) {
                out.append(resolve(name, missing, depth));
            } else if (fallback != null) {
                out.append(expand(fallback, missing, depth + 1));
            } else if (name.startsWith("LV_")) {
                missing.add(name);
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unclosed ${ in: " + text);
    }

    private static int topLevelColon(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expression.charAt(i) == '}') {
                depth--;
            } else if (expression.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
