package io.lecturevision.audio.config;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/**
 * Where the analysis server and the webhook are when not configured: this instance's own routes,
 * on the port it actually listens on (random in tests).
 */
@ApplicationScoped
public class SelfUrls {

    private final AudioConfig config;
    private volatile int port;

    public SelfUrls(AudioConfig config) {
        this.config = config;
    }

    void started(@Observes HttpServerStart start) {
        port = start.options().getPort();
    }

    public URI analysisServer() {
        return config.targetServerUrl().orElseGet(() -> self("/analyze-voice"));
    }

    public URI webhook() {
        return config.webhookUrl().orElseGet(() -> self("/tokens/webhook/analysis-complete"));
    }

    private URI self(String path) {
        int actual = port;
        if (actual <= 0) {
            var settings = ConfigProvider.getConfig();
            actual = settings.getOptionalValue("quarkus.http.test-port", Integer.class).filter(p -> p > 0)
                    .orElseGet(() -> settings.getValue("quarkus.http.port", Integer.class));
        }
        return URI.create("http://127.0.0.1:" + actual + path);
    }
}
