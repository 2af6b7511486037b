package ai.gallop.serve;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool of JDBC connections to the task store: the embedded H2 file database by default, or any
 * database that speaks the same SQL (PostgreSQL is the one tested against the SQL, H2 the one tested running).
 */
public final class Database implements AutoCloseable {
    /** What happens on one connection; it commits or rolls back itself when it turns auto-commit off. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final String url;
    private final BlockingQueue<Connection> idle;
    private final boolean postgres;
    private volatile boolean closed;

    public Database(String url, int size) throws SQLException {
        // H2 closes a database from its own exit hook, which can run before the server's: the server could then not
        // put its running tasks back in the queue at shutdown. The server closes the store itself, last.
        this.url = url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
        this.idle = new ArrayBlockingQueue<>(size);
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (!url.startsWith("jdbc:h2:") && !postgres)
            throw new IllegalArgumentException("database URL '" + url + "' is not supported; allowed: jdbc:h2:... or jdbc:postgresql://...");
        for (int i = 0; i < size; i++) idle.add(DriverManager.getConnection(this.url));
    }

    public boolean postgres() { return postgres; }

    public <T> T run(Work<T> work) throws SQLException {
        if (closed) throw new SQLException("the task store is closed");
        Connection connection;
        try {
            connection = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        if (connection == null) throw new SQLException("no database connection free after 30 s");
        boolean healthy = true;
        try {
            return work.on(connection);
        } catch (SQLException | RuntimeException e) {
            healthy = recover(connection);
            throw e;
        } finally {
            if (closed) quietlyClose(connection);
            else idle.add(healthy ? connection : reopen(connection));
        }
    }

    /** Leaves the connection in auto-commit mode after a failure; false if it is no longer usable. */
    private static boolean recover(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection reopen(Connection broken) {
        quietlyClose(broken);
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            return broken; // the next use reports the failure
        }
    }

    @Override public void close() {
        closed = true;
        for (Connection c = idle.poll(); c != null; c = idle.poll()) quietlyClose(c);
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being dropped either way
        }
    }
}
