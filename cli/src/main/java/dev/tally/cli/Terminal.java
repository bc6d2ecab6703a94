package dev.tally.cli;

import dev.tally.report.query.ReportEngine;
import java.io.PrintWriter;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;
import org.duckdb.DuckDBPreparedStatement;

/** Progress for people at a terminal; nothing at all when output is piped or redirected. */
final class Terminal {
    private Terminal() {}

    // System.console() may still return null (its javadoc says so, and NullAway models it so), though since JDK 22
    // a redirected process usually gets one too: isTerminal is what tells a person is there.
    @SuppressWarnings("SystemConsoleNull")
    static boolean interactive() {
        var console = System.console();
        return console != null && console.isTerminal() && System.getenv("CI") == null;
    }

    static Consumer<String> progressLine(PrintWriter err) {
        if (!interactive()) {
            return line -> {};
        }
        return line -> {
            err.println("tally: " + line);
            err.flush();
        };
    }

    /** Polls DuckDB's progress twice a second and redraws one line on stderr. */
    static ReportEngine.Progress queryProgress(PrintWriter err) {
        if (!interactive()) {
            return ReportEngine.Progress.none();
        }
        return statement -> {
            Thread poller = Thread.ofVirtual().start(() -> poll(statement, err));
            return () -> {
                poller.interrupt();
                err.print("\r\033[K");
                err.flush();
            };
        };
    }

    private static void poll(Statement statement, PrintWriter err) {
        try {
            Thread.sleep(700);
            while (!Thread.currentThread().isInterrupted()) {
                if (statement.isWrapperFor(DuckDBPreparedStatement.class)) {
                    var duck = statement.unwrap(DuckDBPreparedStatement.class);
                    var p = duck.getQueryProgress();
                    if (p.getPercentage() >= 0) {
                        err.print(String.format(
                                Locale.ROOT,
                                "\rtally: reading exports %5.1f%% (%,d rows)",
                                p.getPercentage(),
                                p.getRowsProcessed()));
                        err.flush();
                    }
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // progress is a courtesy: never fail a report for it
        }
    }
}
