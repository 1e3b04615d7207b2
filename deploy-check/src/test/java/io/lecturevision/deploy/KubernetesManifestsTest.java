package io.lecturevision.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lecturevision.common.event.OutboxRelay;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.EventContract;
import io.lecturevision.deploy.RouteTable.Match;
import io.lecturevision.deploy.RouteTable.Mode;
import io.lecturevision.deploy.RouteTable.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.lecturevision.deploy.Manifests.name;
import static io.lecturevision.deploy.Manifests.named;
import static io.lecturevision.deploy.Manifests.ofKind;
import static io.lecturevision.deploy.Manifests.render;
import static io.lecturevision.deploy.Manifests.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What issue 13 asks CI to check, over the objects {@code kubectl kustomize k8s/overlays/<overlay>} renders. */
class KubernetesManifestsTest {

    private static final List<String> QUARKUS_PROBES = List.of("/q/health/started", "/q/health/ready", "/q/health/live");


    /** Required in prod although the property has an (empty) default: the service refuses to start without it. */
    private static final Map<String, Set<String>> REQUIRED_BY_CODE = Map.of("auth", Set.of("LV_JWT_SIGNING_KEY_LOCATION"));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyDeploymentHasProbesResourcesAndALockedDownPod(String overlay) {
        List<JsonNode> deployments = ofKind(render(overlay), "Deployment");
        assertTrue(deployments.size() >= 6, "five services and the edge");
        for (JsonNode d : deployments) {
            String where = overlay + "/" + name(d);
            JsonNode pod = d.path("spec").path("template").path("spec");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), where + ": no service-account token");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), where);
            Set<String> tmpVolumes = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    tmpVolumes.add(v.path("name").asText());
                }
            });
            for (JsonNode c : pod.path("containers")) {
                String cw = where + "/" + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), cw + ": read-only root filesystem");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), cw + ": allowPrivilegeEscalation false");
                assertEquals("[\"ALL\"]", sc.path("capabilities").path("drop").toString(), cw + ": drops every capability");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(c.path("resources").path(kind).path(resource).asText().isEmpty(), cw + ": " + kind + "." + resource);
                    }
                }
                assertTrue(stream(c.path("volumeMounts")).anyMatch(m -> m.path("mountPath").asText().equals("/tmp")
                        && tmpVolumes.contains(m.path("name").asText())), cw + ": an emptyDir on /tmp");
                Set<String> ports = new HashSet<>();
                c.path("ports").forEach(p -> {
                    ports.add(p.path("name").asText());
                    ports.add(p.path("containerPort").asText());
                });
                List<String> probePaths = new ArrayList<>();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode get = c.path(probe).path("httpGet");
                    assertFalse(get.isMissingNode(), cw + ": " + probe);
                    assertTrue(ports.contains(get.path("port").asText()), cw + ": " + probe + " on a declared port");
                    probePaths.add(get.path("path").asText());
                }
                if ("api".equals(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText())) {
                    // what common's quarkus-smallrye-health serves on every service
                    assertEquals(QUARKUS_PROBES, probePaths, cw);
                    assertTrue(c.path("lifecycle").path("preStop").has("sleep"), cw + ": preStop lets in-flight requests finish");
                    assertTrue(d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt() > 30, cw);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyServiceSelectsPodsAndTargetsADeclaredPort(String overlay) {
        List<JsonNode> objects = render(overlay);
        List<JsonNode> deployments = ofKind(objects, "Deployment");
        for (JsonNode service : ofKind(objects, "Service")) {
            List<JsonNode> selected = deployments.stream()
                    .filter(d -> selects(service.path("spec").path("selector"), d.path("spec").path("template").path("metadata").path("labels")))
                    .toList();
            assertEquals(1, selected.size(), overlay + "/" + name(service) + " selects the pods of one Deployment");
            Set<String> ports = new HashSet<>();
            selected.get(0).path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("ports").forEach(p -> {
                ports.add(p.path("name").asText());
                ports.add(p.path("containerPort").asText());
            }));
            service.path("spec").path("ports").forEach(p -> assertTrue(ports.contains(p.path("targetPort").asText()),
                    overlay + "/" + name(service) + " targets a declared port: " + p));
        }
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (JsonNode o : ofKind(objects, kind)) {
                JsonNode selector = o.path("spec").path(kind.equals("NetworkPolicy") ? "podSelector" : "selector").path("matchLabels");
                assertTrue(deployments.stream().anyMatch(d -> selects(selector, d.path("spec").path("template").path("metadata").path("labels")))
                        || ofKind(objects, "Job").stream().anyMatch(j -> selects(selector, j.path("spec").path("template").path("metadata").path("labels"))),
                        overlay + ": " + kind + " " + name(o) + " selects some pods");
            }
        }
        for (JsonNode hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
            assertTrue(named(objects, "Deployment", hpa.path("spec").path("scaleTargetRef").path("name").asText()).isPresent(), name(hpa));
        }
        for (String s : Repository.SERVICES) {
            assertTrue(named(objects, "PodDisruptionBudget", s + "-service").isPresent(), s + ": PodDisruptionBudget");
            JsonNode policy = named(objects, "NetworkPolicy", s + "-service").orElseThrow(() -> new AssertionError(s + ": NetworkPolicy"));
            assertEquals("[\"Ingress\",\"Egress\"]", policy.path("spec").path("policyTypes").toString(), s);
        }
        Set<String> scaled = ofKind(objects, "HorizontalPodAutoscaler").stream().map(Manifests::name).collect(Collectors.toSet());
        assertTrue(scaled.containsAll(Set.of("auth-service", "upload-service", "video-service", "edge")), "stateless HTTP services scale: " + scaled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void theIngressPublishesExactlyTheRouteTableWithItsLimits(String overlay) {
        List<JsonNode> objects = render(overlay);
        Map<String, String> published = new TreeMap<>();
        for (JsonNode ingress : ofKind(objects, "Ingress")) {
            JsonNode annotations = ingress.path("metadata").path("annotations");
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    String backend = p.path("backend").path("service").path("name").asText();
                    String port = p.path("backend").path("service").path("port").path("name").asText();
                    JsonNode service = named(objects, "Service", backend).orElseThrow(() -> new AssertionError("Ingress path " + p + " reaches no Service"));
                    assertTrue(stream(service.path("spec").path("ports")).anyMatch(sp -> sp.path("name").asText().equals(port)), p.toString());
                    String mode = annotations.path("lecturevision.io/edge-mode").asText();
                    String previous = published.put(p.path("path").asText(), p.path("pathType").asText() + " "
                            + annotations.path("nginx.ingress.kubernetes.io/proxy-body-size").asText() + " " + mode
                            + ("buffered".equals(mode) ? "" : " buffering=" + annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText()));
                    assertEquals(null, previous, "path published twice: " + p);
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (Route r : RouteTable.load().routes()) {
            String mode = r.mode() == Mode.BUFFERED ? "buffered" : r.mode().name().toLowerCase();
            expected.put(r.path(), (r.match() == Match.EXACT ? "Exact" : "Prefix") + " " + r.maxBody() + " " + mode
                    + (r.mode() == Mode.BUFFERED ? "" : " buffering=off"));
        }
        assertEquals(expected, published);
        assertTrue(published.keySet().stream().noneMatch(p -> p.equals("/q") || p.startsWith("/q/")), "no /q/ path");

        // ... and the edge behind it runs the configuration rendered from the same table
        JsonNode edgeConfig = ofKind(objects, "ConfigMap").stream().filter(c -> name(c).startsWith("edge-nginx")).findFirst().orElseThrow();
        assertEquals(Repository.read("k8s/base/edge/nginx.conf"), edgeConfig.path("data").path("nginx.conf").asText());
        JsonNode edge = named(objects, "Deployment", "edge").orElseThrow();
        assertTrue(stream(edge.path("spec").path("template").path("spec").path("volumes"))
                .anyMatch(v -> v.path("configMap").path("name").asText().equals(name(edgeConfig))), "the edge mounts its rendered configuration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyVariableAServiceRequiresInProdIsSetFromAConfigMapOrSecret(String overlay) {
        List<JsonNode> objects = render(overlay);
        for (String s : Repository.SERVICES) {
            Set<String> required = new TreeSet<>(ServiceConfig.prod(s).requiredEnvironment());
            required.addAll(REQUIRED_BY_CODE.getOrDefault(s, Set.of()));
            assertTrue(required.contains("LV_DB_PASSWORD"), s + ": the database password has no prod default");
            JsonNode container = named(objects, "Deployment", s + "-service").orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            Set<String> provided = new TreeSet<>();
            for (JsonNode e : container.path("env")) {
                JsonNode from = e.path("valueFrom");
                JsonNode ref = from.has("secretKeyRef") ? from.path("secretKeyRef") : from.path("configMapKeyRef");
                if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
                    provided.add(e.path("name").asText());
                }
            }
            for (JsonNode source : container.path("envFrom")) {
                String configMap = source.path("configMapRef").path("name").asText();
                JsonNode cm = named(objects, "ConfigMap", configMap).orElseThrow(() -> new AssertionError(s + ": ConfigMap " + configMap + " missing"));
                cm.path("data").fieldNames().forEachRemaining(provided::add);
            }
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(provided);
            assertEquals(Set.of(), missing, overlay + "/" + s + "-service: required in prod but not set from a ConfigMap or Secret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyTopicHasAKafkaTopicAndEveryServiceAKafkaUser(String overlay) {
        List<JsonNode> objects = render(overlay);
        Set<String> topics = ofKind(objects, "KafkaTopic").stream().map(t -> t.path("spec").path("topicName").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        // every topic of the suite's one registry of event contracts, and the dead letters of each consumed one
        Set<String> needed = new TreeSet<>();
        for (EventContract contract : Contracts.ALL) {
            needed.add(contract.topic());
            if (!contract.consumers().isEmpty()) {
                needed.add(contract.topic() + ".dlt");
            }
        }
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(topics);
        assertEquals(Set.of(), missing, "topics without a KafkaTopic");

        for (String s : Repository.SERVICES) {
            JsonNode user = named(objects, "KafkaUser", s + "-service").orElseThrow(() -> new AssertionError(s + ": KafkaUser"));
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText());
            assertTrue(stream(user.path("spec").path("authorization").path("acls")).anyMatch(a ->
                    a.path("resource").path("type").asText().equals("transactionalId")),
                    s + " may use its outbox relay's transactional id");
            for (String produced : Contracts.producedBy(s + "-service")) {
                assertTrue(stream(user.path("spec").path("authorization").path("acls")).anyMatch(a ->
                        a.path("resource").path("name").asText().equals(produced) && a.path("operations").toString().contains("Write")),
                        s + " may write the topic it produces: " + produced);
            }
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String ops = acl.path("operations").toString();
                if (resource.path("type").asText().equals("topic")) {
                    String topic = resource.path("name").asText();
                    assertEquals("literal", resource.path("patternType").asText(), s + ": " + acl);
                    assertTrue(topics.contains(topic), s + ": ACL on a topic with no KafkaTopic: " + topic);
                    if (ops.contains("Read")) {
                        assertTrue(topics.contains(topic + ".dlt"), "consumed topic " + topic + " has a dead-letter topic");
                        assertTrue(stream(user.path("spec").path("authorization").path("acls")).anyMatch(a ->
                                a.path("resource").path("name").asText().equals(topic + ".dlt") && a.path("operations").toString().contains("Write")),
                                s + " may write the dead letters of " + topic);
                    }
                } else if (resource.path("type").asText().equals("transactionalId")) {
                    assertEquals(OutboxRelay.transactionalIdOf(s + "-service"), resource.path("name").asText(),
                            s + ": only its own relay's transactional id");
                    assertEquals("literal", resource.path("patternType").asText());
                    assertTrue(ops.contains("Write"), s + ": its relay may use its transactional id");
                } else {
                    assertEquals("group", resource.path("type").asText(), s + ": " + acl);
                    assertEquals(s + "-service.", resource.path("name").asText(), s + ": only its own consumer groups");
                    assertEquals("prefix", resource.path("patternType").asText());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "gpu"})
    void noSecretValueOutsideDev(String overlay) {
        List<JsonNode> objects = render(overlay);
        for (JsonNode secret : ofKind(objects, "Secret")) {
            assertTrue(secret.path("data").isEmpty() && secret.path("stringData").isEmpty(), overlay + ": Secret " + name(secret) + " holds a value");
        }
        String readme = Repository.read("README.md");
        Set<String> referenced = new TreeSet<>();
        for (JsonNode d : ofKind(objects, "Deployment")) {
            d.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(e ->
                    referenced.add(e.path("valueFrom").path("secretKeyRef").path("name").asText())));
            d.path("spec").path("template").path("spec").path("volumes").forEach(v -> referenced.add(v.path("secret").path("secretName").asText()));
        }
        referenced.remove("");
        referenced.forEach(s -> assertTrue(readme.contains(s.replaceAll("-(auth|upload|video|vision|audio)$", "-<service>"))
                || readme.contains(s), "README \"Deploy\" names the Secret " + s + " that " + overlay + " needs"));
    }

    @Test
    void devSecretsAreMarkedDevOnlyAndCoverEveryReference() {
        List<JsonNode> objects = render("dev");
        List<JsonNode> secrets = ofKind(objects, "Secret");
        assertFalse(secrets.isEmpty());
        for (JsonNode secret : secrets) {
            assertEquals("true", secret.path("metadata").path("labels").path("lecturevision.io/dev-only").asText(), name(secret));
        }
        for (JsonNode d : ofKind(objects, "Deployment")) {
            d.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(e -> {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    JsonNode secret = named(objects, "Secret", ref.path("name").asText())
                            .orElseThrow(() -> new AssertionError("dev lacks Secret " + ref));
                    assertTrue(secret.path("data").has(ref.path("key").asText()), "dev Secret " + ref);
                }
            }));
        }
        JsonNode cluster = named(objects, "Cluster", "lv-postgres").orElseThrow();
        for (String s : Repository.SERVICES) {
            assertTrue(stream(cluster.path("spec").path("managed").path("roles")).anyMatch(r -> r.path("name").asText().equals(s)
                    && r.path("passwordSecret").path("name").asText().equals("lv-db-" + s)), s + ": a PostgreSQL role");
            assertTrue(ofKind(objects, "Database").stream().anyMatch(db -> db.path("spec").path("name").asText().equals(s)
                    && db.path("spec").path("owner").asText().equals(s)), s + ": its own database");
        }
        JsonNode kafka = named(objects, "Kafka", "lv-kafka").orElseThrow();
        assertEquals("enabled", kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText());
        assertTrue(ofKind(objects, "KafkaNodePool").stream().anyMatch(p -> p.path("spec").path("roles").toString().contains("controller")));
        assertTrue(named(objects, "Deployment", "minio").isPresent(), "MinIO in dev");
    }

    @Test
    void prodHasNoInClusterInfrastructureAndMoreReplicas() {
        List<JsonNode> objects = render("prod");
        for (String kind : List.of("Kafka", "KafkaNodePool", "Cluster", "Database")) {
            assertEquals(List.of(), ofKind(objects, kind), kind + " is external in prod");
        }
        assertTrue(named(objects, "Deployment", "minio").isEmpty());
        for (String s : Repository.SERVICES) {
            assertTrue(named(objects, "Deployment", s + "-service").orElseThrow().path("spec").path("replicas").asInt() >= 2, s);
        }
        JsonNode shared = named(objects, "ConfigMap", "lv-shared").orElseThrow();
        assertFalse(shared.path("data").path("LV_S3_ENDPOINT").asText().contains("minio"), "prod's S3 is external");
    }

    @Test
    void gpuRunsVisionOnAGpuWithItsCudaImage() {
        JsonNode vision = named(render("gpu"), "Deployment", "vision-service").orElseThrow();
        JsonNode container = vision.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("1", container.path("resources").path("limits").path("nvidia.com/gpu").asText());
        assertTrue(container.path("image").asText().startsWith("lecturevision/vision-service-gpu:"), container.path("image").asText());
        assertTrue(Files.exists(Repository.path("vision-service/src/main/docker/Dockerfile.gpu")));
        JsonNode prodVision = named(render("prod"), "Deployment", "vision-service").orElseThrow();
        assertTrue(prodVision.path("spec").path("template").path("spec").path("containers").get(0).path("resources").path("limits")
                .path("nvidia.com/gpu").isMissingNode(), "only the gpu overlay asks for a GPU");
    }

    @Test
    void printsWhatEachOverlayRenders() {
        for (String overlay : List.of("dev", "prod", "gpu")) {
            Map<String, Long> counts = render(overlay).stream()
                    .collect(Collectors.groupingBy(o -> o.path("kind").asText(), TreeMap::new, Collectors.counting()));
            assertNotNull(counts.get("Deployment"));
            System.out.println("k8s/overlays/" + overlay + ": " + counts.values().stream().mapToLong(Long::longValue).sum() + " objects " + counts);
        }
    }


    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }
}
