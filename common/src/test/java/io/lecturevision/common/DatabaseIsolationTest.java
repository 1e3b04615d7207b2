package io.lecturevision.common;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** infra/suite gives each service its own role and database; no role can open another's. */
class DatabaseIsolationTest {

    private static final String PORT = System.getenv().getOrDefault("LV_PG_PORT", "15432");

    @Test
    void aServiceRoleCannotOpenAnotherServicesDatabase() {
        SQLException refused = assertThrows(SQLException.class, () -> open("upload", "auth").close());
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        assertThrows(SQLException.class, () -> open("auth", "video_test").close());
    }

    @Test
    void aServiceRoleOpensItsOwnDatabases() {
        assertDoesNotThrow(() -> open("upload", "upload").close());
        assertDoesNotThrow(() -> open("upload", "upload_test").close());
    }

    private static java.sql.Connection open(String role, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/" + database, role, role + "-dev");
    }
}
