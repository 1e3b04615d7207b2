package io.lecturevision.common.event;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Which instance of a service relays its outbox: the one whose dedicated database session (not a
 * pooled connection) holds a session-level PostgreSQL advisory lock. When that instance dies, or
 * loses its session, PostgreSQL releases the lock and the next instance to ask takes over. The
 * leader does its relay queries on this same session, so losing the session ends its leadership
 * before it can mark anything.
 */
final class OutboxLeadership implements AutoCloseable {

    /** The advisory lock's key; each service has its own database, so one key serves all. */
    static final long LOCK_KEY = 0x4c565f4f5554424fL;
    private static final Logger LOG = Logger.getLogger(OutboxLeadership.class);

    private final String url;
    private final Properties properties;
    private final String instance;
    private Connection connection;
    private boolean leader;
    private long notBeforeNanos = System.nanoTime();

    OutboxLeadership(String url, String user, String password, String instance) {
        this.url = url;
        this.instance = instance;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", instance + " outbox relay");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /** The session holding the relay lock when this instance leads (taking the lock if free), else null. */
    synchronized Connection lead() {
        if (leader) {
            return connection;
        }
        if (System.nanoTime() - notBeforeNanos < 0) {
            return null;
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = new org.postgresql.Driver().connect(url, properties);
                connection.setAutoCommit(true);
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                try (ResultSet row = lock.executeQuery()) {
                    leader = row.next() && row.getBoolean(1);
                }
            }
            if (leader) {
                LOG.infof("%s now relays the outbox", instance);
                return connection;
            }
            return null;
        } catch (SQLException e) {
            LOG.debugf("Outbox relay lock not available: %s", e.getMessage());
            lost();
            return null;
        }
    }

    synchronized boolean leads() {
        return leader;
    }

    /** Gives up the session (and with it the lock), after a failure on it or on shutdown. */
    synchronized void lost() {
        if (leader) {
            LOG.infof("%s no longer relays the outbox", instance);
        }
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
            connection = null;
        }
    }

    /** Steps down and leaves the lock to the other instances for {@code holdOff}. */
    synchronized void stepDown(Duration holdOff) {
        lost();
        notBeforeNanos = System.nanoTime() + holdOff.toNanos();
    }

    @Override
    public void close() {
        lost();
    }
}
