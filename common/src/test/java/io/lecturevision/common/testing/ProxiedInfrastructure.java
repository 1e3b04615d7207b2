package io.lecturevision.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the application under test and the real PostgreSQL and Kafka
 * started by infra/suite. Kafka's PROXIED listener advertises 127.0.0.1:19095
 * ({@code LV_KAFKA_PROXIED_ADVERTISED_PORT}) and listens on 19094, so every connection of the
 * app's clients goes through the proxy. Also writes a test JWT key pair and points the app at it.
 */
public class ProxiedInfrastructure implements QuarkusTestResourceLifecycleManager {

    private Proxies proxies;

    @Override
    public Map<String, String> start() {
        int pgPort = intEnv("LV_PG_PORT", 15432);
        int kafkaListener = intEnv("LV_KAFKA_PROXIED_PORT", 19094);
        int kafkaAdvertised = intEnv("LV_KAFKA_PROXIED_ADVERTISED_PORT", 19095);
        TcpProxy database = TcpProxy.start(0, pgPort);
        TcpProxy kafka = TcpProxy.start(kafkaAdvertised, kafkaListener);
        String bootstrap = "127.0.0.1:" + kafka.port();
        proxies = new Proxies(database, kafka, bootstrap);
        Map<String, String> config = new HashMap<>();
        config.put("lv.test.database-proxy-port", Integer.toString(database.port()));
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + database.port() + "/"
                + System.getProperty("lv.test.database", "common_test"));
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("lv.events.bootstrap-servers", bootstrap);
        config.putAll(new TestJwtKeys().start());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxies, new TestInjector.AnnotatedAndMatchesType(InjectProxies.class, Proxies.class));
    }

    @Override
    public void stop() {
        if (proxies != null) {
            proxies.database().close();
            proxies.kafka().close();
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
