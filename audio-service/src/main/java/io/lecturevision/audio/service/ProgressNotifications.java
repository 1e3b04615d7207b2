package io.lecturevision.audio.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * LISTENs on the job progress channel over one dedicated database connection (not from the pool)
 * and hands each notification to {@link ProgressHub}. A lost connection is reopened; the hub then
 * re-reads what its listeners may have missed.
 */
@ApplicationScoped
public class ProgressNotifications {

    private static final Logger LOG = Logger.getLogger(ProgressNotifications.class);

    private final ProgressHub hub;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Thread thread;

    public ProgressNotifications(ProgressHub hub, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                                 @ConfigProperty(name = "quarkus.datasource.username") String user,
                                 @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.hub = hub;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "audio-progress-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
    }

    private void listen() {
        boolean reconnected = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + JobService.CHANNEL);
                }
                if (reconnected) {
                    hub.changedAll();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        dispatch(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Job progress notifications interrupted (%s); reconnecting", e.getMessage());
                reconnected = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        try {
            hub.changed(UUID.fromString(colon < 0 ? payload : payload.substring(0, colon)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not deliver job progress %s", payload);
        }
    }
}
