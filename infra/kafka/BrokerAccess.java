import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Brings a running broker to infra/kafka/acls.tsv (generated from the contract registry): each
 * principal named there gets its SCRAM-SHA-512 password, every topic the file names exists, and the
 * principals hold exactly the file's ACLs (others of theirs are removed). Idempotent.
 *
 * Run with the Kafka client jars on the class path (infra/suite does, as the admin principal):
 *   java -cp 'kafka/lib/*' BrokerAccess.java BOOTSTRAP ADMIN_PROPERTIES ACLS_TSV PRINCIPAL=PASSWORD...
 */
public class BrokerAccess {

    private static final int PARTITIONS = 3;
    private static final short REPLICATION = 1;
    private static final int SCRAM_ITERATIONS = 8192;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BrokerAccess BOOTSTRAP ADMIN_PROPERTIES ACLS_TSV PRINCIPAL=PASSWORD...");
            System.exit(2);
        }
        Properties config = new Properties();
        try (FileReader reader = new FileReader(args[1])) {
            config.load(reader);
        }
        config.put("bootstrap.servers", args[0]);
        List<AclBinding> wanted = readAcls(Path.of(args[2]));
        Set<String> principals = new LinkedHashSet<>();
        wanted.forEach(b -> principals.add(b.entry().principal()));

        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                String[] user = args[i].split("=", 2);
                users.add(new UserScramCredentialUpsertion(user[0],
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user[1]));
            }
            if (!users.isEmpty()) {
                admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
            }

            Set<String> topics = new LinkedHashSet<>();
            wanted.stream().filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                    .forEach(b -> topics.add(b.pattern().name()));
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, REPLICATION)).toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                    System.out.println("created topic " + created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }

            List<AclBindingFilter> theirs = principals.stream().map(p -> new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(p, null, AclOperation.ANY, AclPermissionType.ANY))).toList();
            Set<AclBinding> present = new HashSet<>();
            for (AclBindingFilter filter : theirs) {
                present.addAll(admin.describeAcls(filter).values().get(30, TimeUnit.SECONDS));
            }
            List<AclBindingFilter> stale = present.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            List<AclBinding> absent = wanted.stream().filter(b -> !present.contains(b)).toList();
            if (!absent.isEmpty()) {
                admin.createAcls(absent).all().get(30, TimeUnit.SECONDS);
            }
            System.out.printf("principals %s: %d SCRAM logins set, %d ACLs (%d added, %d removed), %d topics (%d created)%n",
                    principals, users.size(), wanted.size(), absent.size(), stale.size(), topics.size(), missing.size());
        }
    }

    /** principal, resource type, pattern type, resource name, operations (comma-separated); # comments. */
    private static List<AclBinding> readAcls(Path file) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalArgumentException(file + ": not 5 tab-separated fields: " + line);
            }
            ResourcePattern pattern = new ResourcePattern(ResourceType.fromString(camel(f[1])), f[3],
                    PatternType.fromString(f[2].toUpperCase(Locale.ROOT)));
            for (String operation : f[4].split(",")) {
                AclOperation op = AclOperation.fromString(camel(operation));
                if (op == AclOperation.UNKNOWN || pattern.resourceType() == ResourceType.UNKNOWN) {
                    throw new IllegalArgumentException(file + ": unknown resource type or operation: " + line);
                }
                acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + f[0], "*", op, AclPermissionType.ALLOW)));
            }
        }
        return acls;
    }

    /** "transactionalId" -> "TRANSACTIONAL_ID", "Write" -> "WRITE" (the enums' names). */
    private static String camel(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
