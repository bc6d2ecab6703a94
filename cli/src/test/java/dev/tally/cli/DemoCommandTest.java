package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally demo} end to end: the emulator bills laptop sessions and a gateway's sessions, the export lands, the
 * report matches the export, the gateway's ledger matches the bill, and the demo's reconcile says so.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    private static final String GATEWAY_SESSION = "arn:aws:sts::123456789012:assumed-role/tally-gateway/gw-";

    @Test
    void demo_billsAndReportsTheSameTotal() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--dir", dir.toString(), "--days", "4");
        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text)
                .contains("Bedrock spend by project")
                .contains("Bedrock spend by user")
                .contains("(untagged)");
        assertThat(Files.size(dir.resolve("tally-demo.html"))).isPositive();
        // Every "Try next" line pastes into bash and zsh as printed.
        List<String> tryNext = text.lines()
                .dropWhile(l -> !l.startsWith("Try next"))
                .filter(l -> l.startsWith("  bin/tally "))
                .toList();
        assertThat(tryNext).filteredOn(l -> l.startsWith("  bin/tally report")).hasSizeGreaterThan(1);
        assertThat(tryNext).anyMatch(l -> l.startsWith("  bin/tally report") && l.contains(" --ledger "));
        for (String line : tryNext) {
            for (String shell : Shells.available()) {
                assertThat(Shells.arguments(shell, line)).first().isIn("report", "reconcile", "emulator");
            }
        }

        // The export, read with plain DuckDB SQL (not Tally's reader): its total is the report's TOTAL line.
        BigDecimal exported;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))) FROM read_parquet('"
                                + dir.resolve("cur") + "/tally-emulator/data/*/*.parquet')")) {
            rs.next();
            exported = rs.getBigDecimal(1);
        }
        String totalLine =
                text.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        BigDecimal shown = new BigDecimal(totalLine.split("\\s+")[1].replace(",", ""));
        assertThat(shown).isEqualByComparingTo(exported.setScale(4, RoundingMode.HALF_EVEN));
        assertThat(exported).isPositive();
    }

    /**
     * One demo, checked against its own files by plain DuckDB SQL on the export and plain SQLite on the ledger (not
     * Tally's readers): gateway users are billed under their own sessions of the gateway's role with their tags,
     * their billed totals are the ledger's, laptop users are billed beside them, the page shows both, and the
     * reconcile the demo prints (and the one its "Try next" line runs) is OK.
     */
    @Test
    void demo_gatewayUsers_areBilledUnderTheirOwnSessions_matchTheLedger_andReconcile() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--dir", dir.toString(), "--days", "3");
        assertThat(exit).as(out + "\n" + err).isZero();
        String text = out.toString();

        Map<String, Billed> ledger = ledgerByUser(dir.resolve("ledger.db"));
        Map<String, Billed> bill = gatewayBillByPrincipal(dir.resolve("cur"));
        assertThat(ledger).containsOnlyKeys("fatima", "gus", "hana");
        assertThat(bill)
                .containsOnlyKeys(GATEWAY_SESSION + "fatima", GATEWAY_SESSION + "gus", GATEWAY_SESSION + "hana");
        for (String user : ledger.keySet()) {
            Billed metered = ledger.get(user);
            Billed billed = bill.get(GATEWAY_SESSION + user);
            assertThat(metered.principals()).as(user).containsExactly(GATEWAY_SESSION + user);
            assertThat(billed.principals()).as(user).containsExactly(user);
            assertThat(billed.tokens()).as(user).isEqualTo(metered.tokens()).isPositive();
            // The CUR stores each line item's cost as a double: equal to well under a millionth.
            assertThat(billed.cost().subtract(metered.cost()).abs()).as(user).isLessThan(new BigDecimal("0.000001"));
        }
        assertThat(bill.get(GATEWAY_SESSION + "fatima").tags()).containsExactly("support", "support-assistant");
        assertThat(bill.get(GATEWAY_SESSION + "hana").tags()).containsExactly("data", "data-pipeline");
        assertThat(laptopUsers(dir.resolve("cur"))).contains("ann", "ben", "chloe", "dev", "emma");

        String byUser = section(text, "Bedrock spend by user", "TOTAL");
        assertThat(byUser).contains("fatima", "gus", "hana", "ann", "emma", "tally-gateway", "tally-dev");
        String html = Files.readString(dir.resolve("tally-demo.html"));
        assertThat(html).contains("fatima", "hana", "ann", "emma");

        String reconcile = section(text, "Reconcile", "Done in");
        assertThat(reconcile.lines()).anyMatch(l -> l.startsWith("OK"));
        assertThat(reconcile).doesNotContain("DIFFERS").doesNotContain("unknown session");
        String line = text.lines()
                .filter(l -> l.startsWith("  bin/tally reconcile "))
                .findFirst()
                .orElseThrow();
        List<String> args = Shells.arguments("bash", line);
        StringWriter again = new StringWriter();
        StringWriter againErr = new StringWriter();
        assertThat(Tally.run(
                        new PrintWriter(again, true), new PrintWriter(againErr, true), args.toArray(String[]::new)))
                .as(again + "\n" + againErr)
                .isZero();
        assertThat(again.toString().lines()).anyMatch(l -> l.startsWith("OK"));
        // Keys are shown to nobody: not one in the output (they start tly_), and the ledger holds only hashes.
        assertThat(text + err).doesNotContain("tly_");
    }

    /** A user's (or a principal's) cost and tokens, and who they were billed or metered as. */
    private record Billed(BigDecimal cost, long tokens, Set<String> principals, List<String> tags) {}

    private static Map<String, Billed> ledgerByUser(Path ledger) throws Exception {
        Map<String, Billed> byUser = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT user_name, session_arn, cost, input_tokens + output_tokens"
                        + " + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens FROM usage_event")) {
            while (rs.next()) {
                Billed one =
                        new Billed(new BigDecimal(rs.getString(3)), rs.getLong(4), Set.of(rs.getString(2)), List.of());
                byUser.merge(rs.getString(1), one, DemoCommandTest::plus);
            }
        }
        return byUser;
    }

    private static Map<String, Billed> gatewayBillByPrincipal(Path cur) throws Exception {
        Map<String, Billed> byPrincipal = new TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT line_item_iam_principal, tags['iamPrincipal/User'],"
                        + " tags['iamPrincipal/team'], tags['iamPrincipal/Project'],"
                        + " sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))),"
                        + " sum(round(line_item_usage_amount * 1000))"
                        + " FROM read_parquet('" + cur + "/tally-emulator/data/*/*.parquet')"
                        + " WHERE line_item_iam_principal LIKE '%:assumed-role/tally-gateway/%' GROUP BY ALL")) {
            while (rs.next()) {
                Billed one = new Billed(
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6).longValueExact(),
                        Set.of(rs.getString(2)),
                        List.of(rs.getString(3), rs.getString(4)));
                byPrincipal.merge(rs.getString(1), one, DemoCommandTest::plus);
            }
        }
        return byPrincipal;
    }

    private static Set<String> laptopUsers(Path cur) throws Exception {
        Set<String> users = new TreeSet<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT tags['iamPrincipal/User']"
                        + " FROM read_parquet('" + cur + "/tally-emulator/data/*/*.parquet')"
                        + " WHERE line_item_iam_principal LIKE '%:assumed-role/tally-dev/cc-%'")) {
            while (rs.next()) {
                users.add(rs.getString(1));
            }
        }
        return users;
    }

    private static Billed plus(Billed a, Billed b) {
        Set<String> principals = new TreeSet<>(a.principals());
        principals.addAll(b.principals());
        return new Billed(a.cost().add(b.cost()), a.tokens() + b.tokens(), principals, b.tags());
    }

    /** The lines from the one starting with {@code title} to the one starting with {@code end}. */
    private static String section(String text, String title, String end) {
        List<String> lines = text.lines().dropWhile(l -> !l.startsWith(title)).toList();
        assertThat(lines).as(title).isNotEmpty();
        StringBuilder b = new StringBuilder();
        for (String l : lines.subList(0, Math.min(lines.size(), 60))) {
            b.append(l).append('\n');
            if (l.startsWith(end)) {
                break;
            }
        }
        return b.toString();
    }

    @Test
    void demo_refusesAnAbsurdNumberOfDays() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "demo",
                "--dir",
                dir.toString(),
                "--days",
                "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tally: --days 0 must be between 1 and 62");
    }

    @Test
    void demo_inAFolderItCannotCreate_isOneUsageLine() throws Exception {
        java.nio.file.Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "demo",
                "--dir",
                file.resolve("sub").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("tally: --dir ")
                .contains("cannot create the directory")
                .hasLineCount(1);
    }
}
