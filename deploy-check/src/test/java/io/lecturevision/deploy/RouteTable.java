package io.lecturevision.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** infra/edge-routes.tsv: the one table the edge's nginx configurations and the Ingress come from. */
record RouteTable(List<Route> routes) {

    enum Match { EXACT, PREFIX }

    enum Mode { BUFFERED, STREAM, SSE }

    record Route(Match match, String path, String service, Optional<String> upstream, String maxBody, Mode mode) {

        long maxBodyBytes() {
            return Sizes.nginx(maxBody);
        }
    }

    static RouteTable load() {
        List<Route> routes = Repository.read("infra/edge-routes.tsv").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] f = line.trim().split("\\s+");
                    if (f.length != 6) {
                        throw new AssertionError("edge-routes.tsv: 6 columns expected in: " + line + " " + Arrays.toString(f));
                    }
                    return new Route(Match.valueOf(f[0].toUpperCase()), f[1], f[2],
                            f[3].equals("-") ? Optional.empty() : Optional.of(f[3]), f[4],
                            f[5].equals("-") ? Mode.BUFFERED : Mode.valueOf(f[5].toUpperCase()));
                })
                .toList();
        return new RouteTable(routes);
    }
}
