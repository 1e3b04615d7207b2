package io.lecturevision.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml as Debian's docker-compose (1.29) reads it, without a Docker engine: valid, and the
 * same suite as infra/suite up (services, host ports, the edge from the route table).
 */
class ComposeTest {

    /** infra/suite's default host ports (LV_*_PORT). */
    private static final Map<String, String> SUITE_PORTS = Map.of(
            "edge", "8080", "auth-service", "8081", "upload-service", "8082", "video-service", "8083",
            "vision-service", "8084", "audio-service", "8085", "postgres", "15432", "kafka", "19092", "minio", "19000");

    private static JsonNode services;

    @BeforeAll
    static void resolve() {
        assumeTrue(Repository.tool("docker-compose").isPresent(),
                "docker-compose is not installed: skipping the docker-compose.yml checks (apt-get install -y docker-compose)");
        Repository.Result valid = Repository.run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"));
        assertEquals(0, valid.exitCode(), "docker-compose config -q: " + valid.stderr());
        services = Manifests.parse(Repository.runOrFail(List.of("docker-compose", "-f", "docker-compose.yml", "config"))).get(0).path("services");
    }

    @Test
    void theSuitesServicesOnTheSuitesPorts() {
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(Set.of("postgres", "kafka", "minio", "minio-buckets", "edge", "auth-service", "upload-service",
                "video-service", "vision-service", "audio-service")), names);
        SUITE_PORTS.forEach((service, port) -> {
            JsonNode ports = services.path(service).path("ports");
            assertEquals(1, ports.size(), service);
            JsonNode p = ports.get(0);
            String published = p.has("published") ? p.path("published").asText() : p.asText().split(":")[1];
            String hostIp = p.has("host_ip") ? p.path("host_ip").asText() : p.asText().split(":")[0];
            assertEquals(port, published, service + " on the suite's port");
            assertEquals("127.0.0.1", hostIp, service + " only on the loopback, as the suite");
        });
    }

    @Test
    void everyServiceIsBuiltFromItsDockerfileAndWaitsForHealthyInfrastructure() {
        for (String s : Repository.SERVICES) {
            JsonNode service = services.path(s + "-service");
            String dockerfile = service.path("build").path("dockerfile").asText();
            assertEquals(s + "-service/src/main/docker/Dockerfile.jvm", dockerfile);
            assertTrue(Files.exists(Repository.path(dockerfile)), dockerfile);
            assertEquals(Repository.root().toString(), Path.of(service.path("build").path("context").asText()).normalize().toString(),
                    "built from the repository root: the services depend on common");
            assertEquals("service_healthy", service.path("depends_on").path("postgres").path("condition").asText(), s);
            assertEquals("service_healthy", service.path("depends_on").path("kafka").path("condition").asText(), s);
            assertEquals("service_completed_successfully", service.path("depends_on").path("minio-buckets").path("condition").asText(), s);
            assertTrue(service.path("healthcheck").path("test").toString().contains("/q/health/ready"), s + ": healthcheck");
            Set<String> missing = new TreeSet<>(ServiceConfig.prod(s).requiredEnvironment());
            service.path("environment").fieldNames().forEachRemaining(missing::remove);
            assertEquals(Set.of(), missing, s + "-service: variables required in prod");
        }
        for (String infra : List.of("postgres", "kafka", "minio", "edge")) {
            assertFalse(services.path(infra).path("healthcheck").isMissingNode(), infra + ": healthcheck");
        }
        for (String s : Repository.SERVICES) {
            assertEquals("service_healthy", services.path("edge").path("depends_on").path(s + "-service").path("condition").asText());
        }
    }

    @Test
    void theEdgeRunsTheConfigurationRenderedFromTheRouteTable() {
        JsonNode edge = services.path("edge");
        assertTrue(edge.path("volumes").toString().contains("infra/nginx.compose.conf"), edge.path("volumes").toString());
        assertTrue(edge.path("command").toString().contains("/etc/lecturevision/nginx.conf"));
        // EdgeRoutesTest keeps infra/nginx.compose.conf equal to a fresh render of the table
        String trusted = services.path("auth-service").path("environment").path("LV_TRUSTED_PROXIES").asText();
        assertEquals(edge.path("networks").path("lv").path("ipv4_address").asText(), trusted,
                "the services believe X-Forwarded-For from the edge only");
    }

    @Test
    void postgresMakesOneRoleAndDatabasePerService() {
        String init = Repository.read("infra/compose/postgres-init.sql");
        for (String s : Repository.SERVICES) {
            assertTrue(init.contains("CREATE ROLE " + s + " LOGIN PASSWORD '" + s + "-dev';"), s);
            assertTrue(init.contains("CREATE DATABASE " + s + " OWNER " + s + ";"), s);
            assertTrue(init.contains("REVOKE ALL ON DATABASE " + s + " FROM PUBLIC;"), s);
            assertEquals(s + "-dev", services.path(s + "-service").path("environment").path("LV_DB_PASSWORD").asText());
        }
    }
}
