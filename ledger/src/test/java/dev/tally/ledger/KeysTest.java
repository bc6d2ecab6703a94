package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path dir;

    private Ledger open() {
        return Ledger.open(
                dir.resolve("ledger.db").toString(),
                SyncMode.NORMAL,
                Ledger.DEFAULT_LINGER,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void create_returnsAHighEntropyKeyWithThePrefix_andFindFindsIt() {
        try (Ledger ledger = open()) {
            NewKey created = ledger.keys().create("alice", Map.of("Team", "search", "CostCenter", "cc-42"));
            assertThat(created.key()).startsWith("tly_");
            assertThat(Base64.getUrlDecoder().decode(created.key().substring(4)))
                    .hasSize(32);
            assertThat(created.toString()).doesNotContain(created.key());
            ApiKey found = ledger.keys().find(created.key()).orElseThrow();
            assertThat(found).isEqualTo(created.apiKey());
            assertThat(found.user()).isEqualTo("alice");
            assertThat(found.tags()).containsEntry("Team", "search").containsEntry("CostCenter", "cc-42");
            assertThat(found.created()).isEqualTo(NOW);
            assertThat(found.usableAt(NOW)).isTrue();
        }
    }

    @Test
    void find_anotherKey_findsNothing() {
        try (Ledger ledger = open()) {
            NewKey created = ledger.keys().create("alice", Map.of());
            String almost = created.key().substring(0, created.key().length() - 1)
                    + (created.key().endsWith("A") ? "B" : "A");
            assertThat(ledger.keys().find(almost)).isEmpty();
            assertThat(ledger.keys().find("")).isEmpty();
            assertThat(ledger.keys().find("Bearer " + created.key())).isEmpty();
        }
    }

    @Test
    void revoke_makesTheKeyUnusable_andBumpsTheRevision() {
        try (Ledger ledger = open()) {
            NewKey created = ledger.keys().create("alice", Map.of());
            long before = ledger.keys().revision();
            ApiKey revoked = ledger.keys().revoke(created.apiKey().id());
            assertThat(revoked.revoked()).contains(NOW);
            assertThat(ledger.keys().revision()).isGreaterThan(before);
            ApiKey found = ledger.keys().find(created.key()).orElseThrow();
            assertThat(found.usableAt(NOW)).isFalse();
        }
    }

    @Test
    void revoke_inAnotherProcessesLedger_isSeenThroughTheRevision() {
        try (Ledger gateway = open();
                Ledger cli = open()) {
            NewKey created = cli.keys().create("alice", Map.of());
            long seen = gateway.keys().revision();
            cli.keys().revoke(created.apiKey().id());
            assertThat(gateway.keys().revision()).isNotEqualTo(seen);
            assertThat(gateway.keys().find(created.key()).orElseThrow().usableAt(NOW))
                    .isFalse();
        }
    }

    @Test
    void revoke_unknownId_isAUsageError() {
        try (Ledger ledger = open()) {
            assertThatThrownBy(() -> ledger.keys().revoke("key_nope"))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                    .hasMessageContaining("no key key_nope");
        }
    }

    @Test
    void create_withExpiry_isUsableUntilThen() {
        try (Ledger ledger = open()) {
            Instant expires = NOW.plusSeconds(3600);
            NewKey created = ledger.keys().create("bob", Map.of(), expires);
            ApiKey found = ledger.keys().find(created.key()).orElseThrow();
            assertThat(found.expires()).contains(expires);
            assertThat(found.usableAt(expires.minusSeconds(1))).isTrue();
            assertThat(found.usableAt(expires)).isFalse();
        }
    }

    @Test
    void create_badTagOrUser_isAUsageError() {
        try (Ledger ledger = open()) {
            assertThatThrownBy(() -> ledger.keys().create("alice", Map.of("Team", "a|b")))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE));
            assertThatThrownBy(() -> ledger.keys().create("alice", Map.of("aws:x", "1")))
                    .isInstanceOf(TallyException.class);
            assertThatThrownBy(() -> ledger.keys().create("alice", Map.of("user", "mallory")))
                    .hasMessageContaining("User tag");
            assertThatThrownBy(() -> ledger.keys().create(" ", Map.of())).hasMessageContaining("needs a user");
            assertThat(ledger.keys().list()).isEmpty();
        }
    }

    @Test
    void store_holdsOnlyTheHash() throws Exception {
        Path db = dir.resolve("ledger.db");
        String key;
        try (Ledger ledger = open()) {
            key = ledger.keys().create("alice", Map.of()).key();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(key).doesNotContain(key.substring(4));
            }
        }
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM api_key WHERE length(key_hash) = 64"))
                .isEqualTo(1);
    }

    @Test
    void list_showsEveryKeyOldestFirst() {
        try (Ledger ledger = open()) {
            String a = ledger.keys().create("alice", Map.of()).apiKey().id();
            String b =
                    ledger.keys().create("bob", Map.of("Team", "ads")).apiKey().id();
            assertThat(ledger.keys().list()).extracting(ApiKey::id).containsExactlyInAnyOrder(a, b);
            assertThat(ledger.keys().list()).extracting(ApiKey::lastUsed).allMatch(java.util.Optional::isEmpty);
        }
    }

    @Test
    void touch_isWrittenByTheWriter_atMostASecondLater_andOnClose() {
        Path db = dir.resolve("ledger.db");
        String id;
        try (Ledger ledger = open()) {
            id = ledger.keys().create("alice", Map.of()).apiKey().id();
            ledger.keys().touch(id, NOW.plusSeconds(5));
            ledger.keys().touch(id, NOW.plusSeconds(3));
        }
        try (Ledger ledger = open()) {
            assertThat(ledger.keys().list().getFirst().lastUsed()).contains(NOW.plusSeconds(5));
        }
        assertThat(db).exists();
    }
}
