package dev.tally.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 server (the image's {@code initdb}, {@code pg_ctl} and {@code postgres}) on a free loopback
 * port, in a fresh temporary cluster. PostgreSQL refuses to run as root, and tests here run as root, so the cluster
 * belongs to the unprivileged {@code postgres} user (created if missing) and every server command runs as it
 * through {@code runuser}. Connections need a password (scram-sha-256): tests point the driver at
 * {@link #pgpassFile()} (system property {@code org.postgresql.pgpassfile}) or set PGPASSWORD for a child process.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "tally-test-password";
    private static final String BIN = "/usr/local/bin/";

    private final Path dir;
    private final int port;
    private final Path pgpass;

    private PostgresServer(Path dir, int port, Path pgpass) {
        this.dir = dir;
        this.port = port;
        this.pgpass = pgpass;
    }

    /** Creates a cluster and starts the server, waiting until it accepts connections. */
    public static PostgresServer start() {
        return start("");
    }

    /**
     * As {@link #start()}, with extra server options ({@code -c name=value ...}), e.g. to preload
     * pg_stat_statements for a benchmark's statement counts.
     */
    public static PostgresServer start(String serverOptions) {
        try {
            ensureUser();
            Path dir = Files.createTempDirectory("tally-pg-");
            Path data = dir.resolve("data");
            Path pwfile = dir.resolve("pw");
            Files.writeString(pwfile, PASSWORD + "\n");
            run("chown", "-R", SUPERUSER + ":", dir.toString());
            run("chmod", "700", dir.toString());
            asPostgres(
                    BIN + "initdb",
                    "-D",
                    data.toString(),
                    "-U",
                    SUPERUSER,
                    "--auth=scram-sha-256",
                    "--pwfile=" + pwfile,
                    "--encoding=UTF8",
                    "--no-sync");
            int port = freePort();
            asPostgres(
                    BIN + "pg_ctl",
                    "-D",
                    data.toString(),
                    "-l",
                    dir.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 "
                            + serverOptions,
                    "start");
            Path pgpass = Files.createTempFile("tally-pgpass-", "");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(pgpass, "127.0.0.1:" + port + ":*:" + SUPERUSER + ":" + PASSWORD + "\n");
            return new PostgresServer(dir, port, pgpass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** A ~/.pgpass-format file with the superuser's password for this server. */
    public Path pgpassFile() {
        return pgpass;
    }

    /**
     * Points the PostgreSQL driver in this JVM at {@link #pgpassFile()}: the password as users give it, never in
     * the URL.
     */
    public void useForDriver() {
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
    }

    /** The URL of a database, as Tally's --ledger takes it (no password in it). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** Creates an empty database and returns its URL. Needs the PostgreSQL driver on the classpath. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    /** Runs SQL as the superuser, for checks a test makes independently of the code under test. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, PASSWORD);
    }

    @Override
    public void close() {
        try {
            asPostgres(BIN + "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | RuntimeException e) {
            // Deleting the folder below still frees the disk; a stray server dies with the machine's next clean-up.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(pgpass);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void ensureUser() throws IOException {
        if (exitCode(List.of("id", "-u", SUPERUSER)) != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER);
        }
    }

    private static void asPostgres(String... command) throws IOException {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", SUPERUSER, "--"));
        all.addAll(List.of(command));
        run(all.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int exitCode(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
