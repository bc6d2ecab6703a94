package dev.tally.cli.govern;

import static dev.tally.cli.TallyRun.inProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernCommandsTest {
    @TempDir
    Path dir;

    private String ledger() {
        return dir.resolve("ledger.db").toString();
    }

    @Test
    void budget_setListRm_roundTrip() {
        TallyRun set = inProcess(
                "budget",
                "set",
                "--ledger",
                ledger(),
                "--scope",
                "team:search",
                "--limit",
                "250",
                "--period",
                "month",
                "--threshold",
                "50,80,100",
                "--webhook",
                "https://hooks.example.com/t?token=secret");
        assertThat(set.exit()).as(set.err()).isZero();
        String id = set.out().strip();
        assertThat(id).startsWith("bud_");
        assertThat(set.err())
                .contains("team:search 250 monthly (hard)")
                .contains("50%, 80%, 100%")
                .contains("hooks.example.com")
                .doesNotContain("secret");

        TallyRun list = inProcess("budget", "list", "--ledger", ledger());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out())
                .contains("id")
                .contains("remaining")
                .contains(id)
                .contains("team:search")
                .contains("250");

        TallyRun json = inProcess("budget", "list", "--ledger", ledger(), "--format", "json");
        assertThat(json.out())
                .contains("\"limit\": 250")
                .contains("\"spent\": 0")
                .contains("\"remaining\": 250");

        TallyRun rm = inProcess("budget", "rm", "--ledger", ledger(), id);
        assertThat(rm.exit()).as(rm.err()).isZero();
        assertThat(inProcess("budget", "list", "--ledger", ledger())
                        .out()
                        .lines()
                        .toList())
                .hasSize(1);
    }

    @Test
    void limits_setListRm_roundTrip() {
        TallyRun key = inProcess("keys", "create", "--ledger", ledger(), "--user", "alice");
        assertThat(key.exit()).as(key.err()).isZero();
        String keyId = keyId(key.err());
        TallyRun set = inProcess(
                "limits",
                "set",
                "--ledger",
                ledger(),
                "--scope",
                "key:" + keyId,
                "--rpm",
                "60",
                "--tpm",
                "100000",
                "--models",
                "us.anthropic.claude-haiku-*, amazon.nova-*");
        assertThat(set.exit()).as(set.err()).isZero();
        String id = set.out().strip();
        assertThat(id).startsWith("lim_");
        TallyRun list = inProcess("limits", "list", "--ledger", ledger());
        assertThat(list.out())
                .contains(id)
                .contains("60")
                .contains("100000")
                .contains("us.anthropic.claude-haiku-*,amazon.nova-*");
        assertThat(inProcess("limits", "rm", "--ledger", ledger(), id).exit()).isZero();
    }

    @Test
    void badInput_isOneLine_andExit2() {
        String l = ledger();
        assertUsage(
                inProcess("budget", "set", "--ledger", l, "--scope", "galaxy:x", "--limit", "1", "--period", "daily"),
                "unknown kind 'galaxy'");
        assertUsage(
                inProcess("budget", "set", "--ledger", l, "--scope", "user:", "--limit", "1", "--period", "daily"),
                "scope 'user:'");
        assertUsage(
                inProcess("budget", "set", "--ledger", l, "--scope", "user:a", "--limit", "lots", "--period", "daily"),
                "limit 'lots'");
        assertUsage(
                inProcess("budget", "set", "--ledger", l, "--scope", "user:a", "--limit", "1", "--period", "hourly"),
                "period 'hourly'");
        assertUsage(
                inProcess(
                        "budget",
                        "set",
                        "--ledger",
                        l,
                        "--scope",
                        "user:a",
                        "--limit",
                        "1",
                        "--period",
                        "daily",
                        "--threshold",
                        "80,x"),
                "threshold 'x'");
        assertUsage(
                inProcess(
                        "budget",
                        "set",
                        "--ledger",
                        l,
                        "--scope",
                        "user:a",
                        "--limit",
                        "1",
                        "--period",
                        "daily",
                        "--webhook",
                        "ftp://x"),
                "--webhook");
        assertUsage(inProcess("budget", "set", "--ledger", l, "--scope", "user:a", "--limit", "1"), "--period");
        assertUsage(inProcess("limits", "set", "--ledger", l, "--scope", "user:a", "--rpm", "0"), "--rpm '0'");
        assertUsage(
                inProcess("limits", "set", "--ledger", l, "--scope", "tenant:acme", "--rpm", "5"),
                "per key, user or team");
        assertUsage(inProcess("limits", "set", "--ledger", l, "--scope", "user:a"), "nothing to limit");
        assertUsage(
                inProcess("limits", "set", "--ledger", l, "--scope", "user:a", "--models", "m"),
                "model access is per key or team");
        assertUsage(
                inProcess(
                        "budget", "set", "--ledger", l, "--scope", "key:key_nope", "--limit", "1", "--period", "daily"),
                "scope key:key_nope: no key with id 'key_nope' in this ledger");
        assertUsage(
                inProcess("limits", "set", "--ledger", l, "--scope", "key:key_nope", "--rpm", "5"),
                "no key with id 'key_nope'");
        // Some of these only the store can refuse, after opening the ledger: none leaves a new one behind.
        assertThat(dir.resolve("ledger.db")).doesNotExist();
        assertThat(inProcess("limits", "set", "--ledger", l, "--scope", "user:a", "--rpm", "5")
                        .exit())
                .isZero();
        assertUsage(
                inProcess("budget", "list", "--ledger", l, "--format", "csv"),
                "--format 'csv' is not one of: table, json");
        assertUsage(
                inProcess("limits", "list", "--ledger", l, "--format", "csv"),
                "--format 'csv' is not one of: table, json");
        assertUsage(inProcess("budget", "rm", "--ledger", l, "bud_nope"), "no budget bud_nope");
        assertUsage(
                inProcess(
                        "budget", "list", "--ledger", dir.resolve("missing.db").toString()),
                "no ledger");
        assertUsage(inProcess("budget", "list", "--ledger", "jdbc:postgresql://u:hunter2@db:5432/tally"), "PGPASSWORD");
    }

    @Test
    void budgetAws_isStillThere() {
        TallyRun help = inProcess("budget", "aws", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("create");
    }

    /** The id in {@code tally keys create}'s "created key_..." line. */
    private static String keyId(String err) {
        Matcher m = Pattern.compile("created (key_\\w+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return m.group(1);
    }

    private static void assertUsage(TallyRun run, String expected) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tally: ").contains(expected).hasLineCount(1);
        assertThat(run.err()).doesNotContain("hunter2");
    }
}
