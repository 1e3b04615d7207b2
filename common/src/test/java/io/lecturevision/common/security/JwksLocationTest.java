package io.lecturevision.common.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Without LV_JWKS_URL, services fetch auth-service's keys on the port the suite gave auth-service: a
 * suite moved to other ports (a second checkout) once verified tokens against the first one's keys.
 */
class JwksLocationTest {

    private static final String LOCATION = "mp.jwt.verify.publickey.location";

    @Test
    void followsTheAuthPortUnlessAUrlIsGiven() throws IOException {
        assertEquals("http://127.0.0.1:8081/.well-known/jwks.json", config(Map.of()).getValue(LOCATION, String.class));
        assertEquals("http://127.0.0.1:9081/.well-known/jwks.json",
                config(Map.of("LV_AUTH_PORT", "9081")).getValue(LOCATION, String.class));
        assertEquals("http://auth-service:8081/.well-known/jwks.json", config(Map.of("LV_AUTH_PORT", "9081",
                "LV_JWKS_URL", "http://auth-service:8081/.well-known/jwks.json")).getValue(LOCATION, String.class));
    }

    private static SmallRyeConfig config(Map<String, String> environment) throws IOException {
        URL common = JwksLocationTest.class.getClassLoader().getResource("META-INF/microprofile-config.properties");
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(common, 100))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }
}
