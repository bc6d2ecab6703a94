package dev.tally.testing;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL server for a test class: started before its first test, stopped after its last, with this
 * JVM's driver reading the password from the server's pgpass file. Register it as
 * {@code @RegisterExtension static final PostgresPerClass postgres = PostgresPerClass.create();}.
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {
    private final String serverOptions;
    private @Nullable PostgresServer server;

    private PostgresPerClass(String serverOptions) {
        this.serverOptions = serverOptions;
    }

    public static PostgresPerClass create() {
        return new PostgresPerClass("");
    }

    /** With extra server options ({@code -c name=value ...}), e.g. to preload pg_stat_statements. */
    public static PostgresPerClass withOptions(String serverOptions) {
        return new PostgresPerClass(serverOptions);
    }

    public PostgresServer server() {
        PostgresServer s = server;
        if (s == null) {
            throw new IllegalStateException("PostgresPerClass used outside its test class's lifetime");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresServer s = PostgresServer.start(serverOptions);
        s.useForDriver();
        server = s;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PostgresServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }
}
