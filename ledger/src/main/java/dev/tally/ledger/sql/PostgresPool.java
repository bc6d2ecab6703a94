package dev.tally.ledger.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A ledger's PostgreSQL connections, through HikariCP. The password is PGPASSWORD's, as libpq and psql take it: the
 * process edge (cli's {@code Tally.main}) copies that variable into the system property {@link #PASSWORD_PROPERTY},
 * since libraries read no environment; without it the driver reads ~/.pgpass (or PGPASSFILE). Never the URL:
 * {@link LedgerLocation} refuses one there.
 */
public final class PostgresPool implements AutoCloseable {
    /** The writer's connection, the lease keeper's and a few for key lookups and commands. */
    private static final int MAX_CONNECTIONS = 8;
    /** Where the process edge puts PGPASSWORD's value. */
    public static final String PASSWORD_PROPERTY = "tally.ledger.pgpassword";

    private final HikariDataSource pool;

    private PostgresPool(HikariDataSource pool) {
        this.pool = pool;
    }

    static PostgresPool open(LedgerLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        String password = System.getProperty(PASSWORD_PROPERTY);
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setPoolName("tally-ledger");
        config.setConnectionTimeout(10_000);
        // A batch of usage events becomes one multi-row INSERT on the wire instead of one statement per event.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "tally");
        try {
            return new PostgresPool(new HikariDataSource(config));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw TallyException.failure(
                    "ledger " + location.display() + ": cannot connect: " + OneLine.of(cause.getMessage())
                            + (refusedCredentials(cause) ? " (the password comes from PGPASSWORD or ~/.pgpass)" : ""),
                    e);
        }
    }

    /**
     * Whether PostgreSQL refused the credentials, or asked for a password the driver did not have: SQLSTATE class 28
     * (invalid authorization), or the driver's own "no password was provided" (class 08, connection rejected).
     */
    private static boolean refusedCredentials(Throwable cause) {
        if (!(cause instanceof SQLException e) || e.getSQLState() == null) {
            return false;
        }
        String message = String.valueOf(e.getMessage());
        return e.getSQLState().startsWith("28") || (e.getSQLState().startsWith("08") && message.contains("password"));
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
