package io.lecturevision.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The locations of a rendered edge configuration (infra/edge-conf writes one location per line). */
record NginxConfig(String text, List<Location> locations) {

    record Location(boolean exact, String path, String body) {

        boolean proxies() {
            return body.contains("proxy_pass ");
        }

        String proxyPass() {
            Matcher m = Pattern.compile("proxy_pass (\\S+);").matcher(body);
            return m.find() ? m.group(1) : "";
        }

        String directive(String name) {
            Matcher m = Pattern.compile("(?:^|[;{\\s])" + Pattern.quote(name) + " ([^;]+);").matcher(body);
            return m.find() ? m.group(1).trim() : "";
        }
    }

    private static final Pattern LOCATION = Pattern.compile("^\\s*location (= |\\^~ )?(\\S+) \\{(.*)}\\s*$", Pattern.MULTILINE);

    static NginxConfig parse(String text) {
        Matcher m = LOCATION.matcher(text);
        List<Location> locations = new java.util.ArrayList<>();
        while (m.find()) {
            locations.add(new Location("= ".equals(m.group(1)), m.group(2), m.group(3)));
        }
        return new NginxConfig(text, locations);
    }

    static NginxConfig render(String... target) {
        List<String> command = new java.util.ArrayList<>(List.of("infra/edge-conf"));
        command.addAll(List.of(target));
        return parse(Repository.runOrFail(command));
    }
}
