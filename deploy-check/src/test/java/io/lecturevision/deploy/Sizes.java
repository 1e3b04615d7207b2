package io.lecturevision.deploy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Body-size notations: nginx's (11m, 2g) and Quarkus' MemorySize (11M, 10240K); both count in 1024s. */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]?)");

    private Sizes() {
    }

    static long nginx(String value) {
        return parse(value);
    }

    static long quarkus(String value) {
        return parse(value);
    }

    private static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            case "t" -> n << 40;
            default -> n;
        };
    }
}
