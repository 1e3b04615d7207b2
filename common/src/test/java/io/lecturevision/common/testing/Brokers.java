package io.lecturevision.common.testing;

import io.lecturevision.common.event.KafkaClients;

import java.util.HashMap;
import java.util.Map;

/**
 * Where tests reach the real broker directly (not through a proxy the test may cut), and as whom:
 * the broker requires SASL SCRAM-SHA-512 logins, and the tests' own clients log in as infra/suite's
 * admin principal (dev-only credentials, {@code LV_KAFKA_ADMIN_USERNAME} / {@code LV_KAFKA_ADMIN_PASSWORD}).
 */
public final class Brokers {

    private Brokers() {
    }

    public static String direct() {
        String port = System.getenv("LV_KAFKA_PORT");
        return "127.0.0.1:" + (port == null || port.isBlank() ? "19092" : port);
    }

    /** {@code settings} plus the direct address and the admin principal's login: a test's own client. */
    public static Map<String, Object> admin(Map<String, Object> settings) {
        return as(env("LV_KAFKA_ADMIN_USERNAME", "lv-admin"),
                env("LV_KAFKA_ADMIN_PASSWORD", "lv-admin-dev-only-kafka-password"), settings);
    }

    /** {@code settings} plus the direct address and a login as {@code username}. */
    public static Map<String, Object> as(String username, String password, Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("bootstrap.servers", direct());
        props.putAll(KafkaClients.scramLogin(username, password));
        return props;
    }

    /** The dev-only password infra/suite gives a service's principal (and its dev profile defaults to). */
    public static String devPassword(String service) {
        return service + "-dev-only-kafka-password";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
