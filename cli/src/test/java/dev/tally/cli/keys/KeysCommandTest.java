package dev.tally.cli.keys;

import static dev.tally.cli.TallyRun.inProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    private String ledger() {
        return dir.resolve("ledger.db").toString();
    }

    @Test
    void create_printsTheKeyAloneOnStdout_andDetailsOnStderr() {
        TallyRun run = inProcess(
                "keys",
                "create",
                "--ledger",
                ledger(),
                "--user",
                "alice",
                "--team",
                "search",
                "--tenant",
                "acme",
                "--project",
                "billing",
                "--cost-center",
                "cc-7",
                "--tag",
                "env=prod",
                "--expires",
                "2999-12-31");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).matches("tly_[A-Za-z0-9_-]{43}\n");
        assertThat(run.err())
                .contains("created key_")
                .contains("alice")
                .doesNotContain(run.out().strip());
        try (Ledger l = Ledger.open(ledger(), SyncMode.NORMAL)) {
            var key = l.keys().find(run.out().strip()).orElseThrow();
            assertThat(key.user()).isEqualTo("alice");
            assertThat(key.tags())
                    .containsEntry("Team", "search")
                    .containsEntry("Tenant", "acme")
                    .containsEntry("Project", "billing")
                    .containsEntry("CostCenter", "cc-7")
                    .containsEntry("env", "prod")
                    .hasSize(5);
            assertThat(key.expires()).contains(Instant.parse("3000-01-01T00:00:00Z"));
        }
    }

    @Test
    void create_sanitizesTagValuesLikeCreds_andSaysSo() {
        TallyRun run = inProcess("keys", "create", "--ledger", ledger(), "--user", "alice", "--team", "r&d");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("--team Team=r&d becomes Team=r_d");
        try (Ledger l = Ledger.open(ledger(), SyncMode.NORMAL)) {
            assertThat(l.keys().list().getFirst().tags()).containsEntry("Team", "r_d");
        }
    }

    @Test
    void create_sanitizesTheUserAsItsUserTag_soTheLedgerAndTheBillAgree() {
        TallyRun run =
                inProcess("keys", "create", "--ledger", ledger(), "--user", "Jane Doe (contractor)", "--team", "x");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("--user User=Jane Doe (contractor) becomes User=Jane Doe _contractor_");
        try (Ledger l = Ledger.open(ledger(), SyncMode.NORMAL)) {
            assertThat(l.keys().list().getFirst().user()).isEqualTo("Jane Doe _contractor_");
        }
    }

    @Test
    void list_showsTheKeysButNeverTheKey_asATableAndAsJson() {
        String key = inProcess("keys", "create", "--ledger", ledger(), "--user", "alice", "--team", "search")
                .out()
                .strip();
        inProcess("keys", "create", "--ledger", ledger(), "--user", "bob");
        TallyRun table = inProcess("keys", "list", "--ledger", ledger());
        assertThat(table.exit()).isZero();
        assertThat(table.out().lines().toList())
                .hasSize(3)
                .first()
                .asString()
                .startsWith("id")
                .contains("last_used");
        assertThat(table.out())
                .contains("alice")
                .contains("Team=search")
                .contains("bob")
                .doesNotContain(key);
        TallyRun json = inProcess("keys", "list", "--ledger", ledger(), "--format", "json");
        assertThat(json.exit()).isZero();
        assertThat(json.out())
                .contains("\"user\": \"alice\"")
                .contains("\"Team\": \"search\"")
                .doesNotContain(key);
    }

    @Test
    void revoke_marksTheKeyRevoked() {
        inProcess("keys", "create", "--ledger", ledger(), "--user", "alice");
        String id;
        try (Ledger l = Ledger.open(ledger(), SyncMode.NORMAL)) {
            id = l.keys().list().getFirst().id();
        }
        TallyRun run = inProcess("keys", "revoke", "--ledger", ledger(), id);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("revoked " + id);
        try (Ledger l = Ledger.open(ledger(), SyncMode.NORMAL)) {
            assertThat(l.keys().list().getFirst().revoked()).isPresent();
        }
    }

    @Test
    void usageMistakes_areOneLineWithExitTwo_andPrintNoKey() {
        assertUsage(
                inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--expires", "31/12/2027"),
                "--expires");
        assertUsage(
                inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--expires", "2001-01-01"),
                "in the past");
        assertUsage(inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--tag", "novalue"), "is not K=V");
        assertUsage(inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--tag", "aws:x=1"), "aws:");
        assertUsage(
                inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--tag", "team=x", "--team", "y"),
                "twice");
        assertUsage(inProcess("keys", "create", "--ledger", ledger(), "--user", " "), "needs a user");
        assertUsage(
                inProcess("keys", "create", "--ledger", ledger(), "--user", "a", "--tag", "user=b"),
                "the User tag is the key's user");
        String[] tooMany = new String[6 + 2 * 50];
        System.arraycopy(new String[] {"keys", "create", "--ledger", ledger(), "--user", "a"}, 0, tooMany, 0, 6);
        for (int i = 0; i < 50; i++) {
            tooMany[6 + 2 * i] = "--tag";
            tooMany[7 + 2 * i] = "t" + i + "=v";
        }
        assertUsage(inProcess(tooMany), "STS would refuse");
        assertUsage(inProcess("keys", "revoke", "--ledger", ledger(), "key_0000"), "no ledger at");
        // None of the refused keys created the ledger they named.
        assertThat(dir.resolve("ledger.db")).doesNotExist();
        inProcess("keys", "create", "--ledger", ledger(), "--user", "someone");
        assertUsage(inProcess("keys", "revoke", "--ledger", ledger(), "key_0000"), "no key key_0000");
        assertUsage(inProcess("keys", "list", "--ledger", ledger(), "--format", "xml"), "--format");
        assertUsage(inProcess("keys", "list", "--ledger", "jdbc:postgresql://u:hunter2@db/tally"), "PGPASSWORD");
        assertUsage(
                inProcess(
                        "keys", "list", "--ledger", dir.resolve("missing/l.db").toString()),
                "does not exist");
    }

    @Test
    void aLedgerThatIsNotADatabase_isAFailureWithExitOne() throws Exception {
        Path garbage =
                Files.writeString(dir.resolve("garbage.db"), "this is not a database, not even close ".repeat(200));
        TallyRun run = inProcess("keys", "create", "--ledger", garbage.toString(), "--user", "alice");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tally: ledger " + garbage).hasLineCount(1);
    }

    private static void assertUsage(TallyRun run, String expected) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tally: ").contains(expected).hasLineCount(1);
    }
}
