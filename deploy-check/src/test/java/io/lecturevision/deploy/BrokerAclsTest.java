package io.lecturevision.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lecturevision.common.event.OutboxRelay;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.EventContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.lecturevision.deploy.Manifests.ofKind;
import static io.lecturevision.deploy.Manifests.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The brokers' ACLs, derived from the contract registry alone: each service writes the topics it
 * produces and the dead-letter topics of those it consumes, reads the topics it consumes, uses only
 * consumer groups named {@code <service>.<handler>} and its outbox relay's transactional id. The local
 * broker's file (infra/kafka/acls.tsv, applied by infra/suite) and the KafkaUsers of k8s/base/kafka
 * must hold exactly these. {@code -Dlv.acls.write=true} rewrites the local file.
 */
class BrokerAclsTest {

    static final String ACLS_FILE = "infra/kafka/acls.tsv";

    /** One allowed ACL: principal, resource type, pattern type, resource name, operations (Kafka's names). */
    record Acl(String principal, String resourceType, String patternType, String name, String operations)
            implements Comparable<Acl> {
        String row() {
            return String.join("\t", principal, resourceType, patternType, name, operations);
        }

        @Override
        public int compareTo(Acl other) {
            return row().compareTo(other.row());
        }
    }

    static List<Acl> fromRegistry() {
        List<Acl> acls = new ArrayList<>();
        for (String svc : Repository.SERVICES) {
            String principal = svc + "-service";
            for (EventContract contract : Contracts.ALL) {
                if (contract.producer().equals(principal)) {
                    acls.add(new Acl(principal, "topic", "literal", contract.topic(), "Write,Describe"));
                }
            }
            for (EventContract contract : Contracts.ALL) {
                if (contract.consumers().contains(principal)) {
                    acls.add(new Acl(principal, "topic", "literal", contract.topic(), "Read,Describe"));
                    acls.add(new Acl(principal, "topic", "literal", contract.topic() + ".dlt", "Write,Describe"));
                }
            }
            acls.add(new Acl(principal, "group", "prefixed", principal + ".", "Read,Describe"));
            acls.add(new Acl(principal, "transactionalId", "literal", OutboxRelay.transactionalIdOf(principal), "Write,Describe"));
        }
        return acls;
    }

    static String render(List<Acl> acls) {
        StringBuilder out = new StringBuilder("""
                # Generated from the contract registry (Contracts.ALL) by deploy-check's BrokerAclsTest; do not edit:
                # ./mvnw -B verify -pl deploy-check -am -Dtest=BrokerAclsTest -Dlv.acls.write=true -Dsurefire.failIfNoSpecifiedTests=false
                # infra/suite applies exactly these to the local broker (infra/kafka/BrokerAccess.java).
                # principal\tresource type\tpattern type\tname\toperations
                """);
        acls.forEach(acl -> out.append(acl.row()).append('\n'));
        return out.toString();
    }

    @Test
    void theLocalBrokersAclsAreTheRegistrys() throws IOException {
        String expected = render(fromRegistry());
        if (Boolean.getBoolean("lv.acls.write")) {
            Files.writeString(Repository.path(ACLS_FILE), expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Repository.read(ACLS_FILE), ACLS_FILE + " is stale: regenerate it (see its header)");
    }

    @Test
    void theKafkaUsersHoldTheRegistrysAcls() {
        Set<Acl> inManifests = new TreeSet<>();
        for (JsonNode user : ofKind(parse(Repository.read("k8s/base/kafka/users.yaml")), "KafkaUser")) {
            String principal = user.path("metadata").path("name").asText();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                List<String> ops = new ArrayList<>();
                acl.path("operations").forEach(op -> ops.add(op.asText()));
                String pattern = resource.path("patternType").asText();
                inManifests.add(new Acl(principal, resource.path("type").asText(),
                        pattern.equals("prefix") ? "prefixed" : pattern, resource.path("name").asText(), String.join(",", ops)));
            }
        }
        assertEquals(new TreeSet<>(fromRegistry()), inManifests, "k8s/base/kafka/users.yaml's ACLs are not the registry's");
    }
}
