package io.lecturevision.deploy;

import io.lecturevision.deploy.RouteTable.Match;
import io.lecturevision.deploy.RouteTable.Mode;
import io.lecturevision.deploy.RouteTable.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route table against SPEC and the services' limits, and every nginx render against the table. */
class EdgeRoutesTest {

    /** SPEC "Edge routes": path -> service; /token is exact (/tokens is audio's), the rest prefixes. */
    private static final Map<String, String> SPEC_ROUTES = specRoutes();

    private static Map<String, String> specRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String p : List.of("/api/v1/auth", "/api/v1/users", "/api/v1/hello", "/register", "/token", "/v1/auth",
                "/v1/users", "/v1/corporations", "/.well-known/jwks.json", "/health", "/")) {
            routes.put(p, "auth");
        }
        List.of("/upload", "/uploads", "/upload-clients").forEach(p -> routes.put(p, "upload"));
        List.of("/v1/videos", "/v1/view-logs", "/v1/points").forEach(p -> routes.put(p, "video"));
        List.of("/upscale", "/bestcut", "/photos").forEach(p -> routes.put(p, "vision"));
        List.of("/tokens", "/scripts", "/actors").forEach(p -> routes.put(p, "audio"));
        return routes;
    }

    private final RouteTable table = RouteTable.load();

    @Test
    void routeTableIsSpecPlusHealthDocsAndTheSseSubRoute() {
        Map<String, String> expected = new TreeMap<>(SPEC_ROUTES);
        for (String s : Repository.SERVICES) {
            expected.put("/" + s + "-service/health", s);
            expected.put("/openapi/" + s + ".json", s);
        }
        expected.put("/docs", "auth");
        expected.put("/docs/", "auth");
        expected.put("/tokens/analysis-progress/", "audio");

        Map<String, String> actual = new TreeMap<>();
        table.routes().forEach(r -> assertEquals(null, actual.put(r.path(), r.service()), "route listed twice: " + r.path()));
        assertEquals(expected, actual);

        Set<String> exact = table.routes().stream().filter(r -> r.match() == Match.EXACT).map(Route::path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedExact = new TreeSet<>(List.of("/token", "/.well-known/jwks.json", "/health", "/docs"));
        Repository.SERVICES.forEach(s -> {
            expectedExact.add("/" + s + "-service/health");
            expectedExact.add("/openapi/" + s + ".json");
        });
        assertEquals(expectedExact, exact);
    }

    @Test
    void aliasesReachTheServicesOwnPaths() {
        for (Route r : table.routes()) {
            if (r.path().endsWith("-service/health")) {
                assertEquals(Optional.of("/health"), r.upstream(), r.path());
            } else if (r.path().startsWith("/openapi/")) {
                assertEquals(Optional.of("/q/openapi?format=json"), r.upstream(), r.path());
            } else {
                assertEquals(Optional.empty(), r.upstream(), r.path() + " is passed on as requested");
            }
        }
    }

    @Test
    void theEdgePublishesNoQuarkusPath() {
        table.routes().forEach(r -> assertFalse(r.path().equals("/q") || r.path().startsWith("/q/"), r.path()));
        for (NginxConfig conf : List.of(localRender(), NginxConfig.render("compose"), NginxConfig.render("k8s"))) {
            List<NginxConfig.Location> q = conf.locations().stream()
                    .filter(l -> l.path().equals("/q") || l.path().startsWith("/q/")).toList();
            assertEquals(List.of("/q", "/q/"), q.stream().map(NginxConfig.Location::path).toList());
            q.forEach(l -> {
                assertFalse(l.proxies(), "a /q location must not proxy: " + l);
                assertTrue(l.body().contains("return 404"), l.toString());
            });
            assertTrue(conf.text().contains("location ^~ /q/ {"), "/q/ wins over every prefix location");
        }
    }

    @Test
    void everyRenderHasExactlyTheTablesLocations() {
        for (NginxConfig conf : List.of(localRender(), NginxConfig.render("compose"), NginxConfig.render("k8s"))) {
            List<String> expected = new ArrayList<>();
            for (Route r : table.routes()) {
                String target = "http://" + r.service() + r.upstream().orElse("");
                expected.add((r.match() == Match.EXACT ? "= " : "") + r.path() + " -> " + target + " max " + r.maxBody());
            }
            List<String> actual = conf.locations().stream().filter(NginxConfig.Location::proxies)
                    .map(l -> (l.exact() ? "= " : "") + l.path() + " -> " + l.proxyPass() + " max "
                            + l.directive("client_max_body_size"))
                    .toList();
            assertEquals(expected, actual);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose", "k8s", "ingress"})
    void checkedInRendersAreUpToDate(String target) {
        String file = switch (target) {
            case "compose" -> "infra/nginx.compose.conf";
            case "k8s" -> "k8s/base/edge/nginx.conf";
            default -> "k8s/base/edge/ingress.yaml";
        };
        assertEquals(Repository.runOrFail(List.of("infra/edge-conf", target)), Repository.read(file),
                file + " is out of date: run infra/edge-conf write");
    }

    @Test
    void forwardingHeadersAreReplacedNeverAppended() {
        for (NginxConfig conf : List.of(localRender(), NginxConfig.render("compose"), NginxConfig.render("k8s"))) {
            String t = conf.text();
            assertFalse(t.contains("$proxy_add_x_forwarded_for"), "the client's X-Forwarded-For must not be kept");
            assertTrue(t.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
            assertTrue(t.contains("proxy_set_header X-Real-IP $remote_addr;"));
            assertTrue(t.contains("proxy_set_header Forwarded \"\";"));
            assertTrue(t.contains("proxy_set_header X-Forwarded-Prefix \"\";"));
            conf.locations().forEach(l -> assertFalse(l.body().contains("proxy_set_header"),
                    "a location's own proxy_set_header would drop the server-wide ones: " + l));
        }
        assertFalse(localRender().text().contains("real_ip_header"), "locally the edge is the first hop");
        assertFalse(NginxConfig.render("compose").text().contains("real_ip_header"), "in compose the edge is the first hop");
        String k8s = NginxConfig.render("k8s").text();
        assertTrue(k8s.contains("real_ip_header X-Forwarded-For;") && k8s.contains("real_ip_recursive on;"),
                "on Kubernetes the client address is the ingress controller's right-most untrusted hop");
    }

    @Test
    void bodyLimitsMatchTheServicesOwn() {
        int checked = 0;
        for (String service : Repository.SERVICES) {
            // A service that sets no limit (vision- and audio-service while they are being written) has
            // Quarkus' 10 MB default, which its file routes will raise: only set limits are compared.
            Optional<String> configured = ServiceConfig.prod(service).value("quarkus.http.limits.max-body-size");
            if (configured.isEmpty()) {
                continue;
            }
            long serviceLimit = Sizes.quarkus(configured.get());
            List<Route> routes = table.routes().stream().filter(r -> r.service().equals(service)).toList();
            routes.forEach(r -> assertTrue(r.maxBodyBytes() <= serviceLimit,
                    r.path() + ": the edge allows " + r.maxBody() + ", more than " + service + "-service's own limit"));
            long largest = routes.stream().mapToLong(Route::maxBodyBytes).max().orElseThrow();
            assertEquals(serviceLimit, largest, service + "-service's largest edge body limit must equal its own "
                    + "quarkus.http.limits.max-body-size (" + configured.get() + ")");
            checked++;
        }
        assertTrue(checked >= 2, "upload- and video-service set their limits");
        assertEquals(Sizes.nginx("2g"), Sizes.quarkus(ServiceConfig.prod("video").value("lv.video.max-upload").orElseThrow()),
                "video-service's LV_VIDEO_MAX_UPLOAD default");
        assertEquals(Sizes.nginx("11m"), route("/upload").maxBodyBytes());
        assertEquals(Sizes.nginx("21m"), route("/upscale").maxBodyBytes());
        assertEquals(Sizes.nginx("64m"), route("/bestcut").maxBodyBytes());
        assertEquals(Sizes.nginx("101m"), route("/tokens").maxBodyBytes());
        table.routes().stream().filter(r -> !Set.of("/upload", "/upscale", "/bestcut", "/tokens", "/v1/videos").contains(r.path()))
                .forEach(r -> assertEquals("1m", r.maxBody(), r.path()));
    }

    @Test
    void serverSentEventsAndVideoStreamsAreNotBuffered() {
        NginxConfig conf = localRender();
        for (String path : List.of("/tokens/analysis-progress/", "/photos")) {
            assertEquals(Mode.SSE, route(path).mode(), path);
            NginxConfig.Location l = location(conf, path);
            assertEquals("off", l.directive("proxy_buffering"), path);
            Duration timeout = Duration.parse("PT" + l.directive("proxy_read_timeout").toUpperCase());
            assertTrue(timeout.compareTo(Duration.ofSeconds(15)) > 0, path + ": read timeout must exceed the 15 s heartbeat");
        }
        NginxConfig.Location video = location(conf, "/v1/videos");
        assertEquals("off", video.directive("proxy_request_buffering"));
        assertEquals("off", video.directive("proxy_buffering"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "compose", "k8s"})
    void nginxAcceptsEveryRender(String target, @TempDir Path dir) throws IOException {
        Path nginx = Repository.requireTool("nginx", "infra/suite installs it (apt-get install nginx)");
        String conf = target.equals("local") ? Repository.runOrFail(List.of("infra/edge-conf", "local", dir.toString(), dir.toString()))
                : Repository.runOrFail(List.of("infra/edge-conf", target))
                        // service names resolve only inside compose/Kubernetes
                        .replaceAll("server [a-z]+-service:(\\d+);", "server 127.0.0.1:$1;");
        Files.createDirectories(dir.resolve("tmp"));
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Repository.Result result = Repository.run(List.of(nginx.toString(), "-t", "-p", dir.toString(), "-e", "stderr", "-c", file.toString()));
        assertEquals(0, result.exitCode(), result.stderr());
    }

    private Route route(String path) {
        return table.routes().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private static NginxConfig.Location location(NginxConfig conf, String path) {
        return conf.locations().stream().filter(l -> l.path().equals(path)).findFirst().orElseThrow();
    }

    private static NginxConfig localRender() {
        return NginxConfig.render("local", "/state", "/run");
    }
}
