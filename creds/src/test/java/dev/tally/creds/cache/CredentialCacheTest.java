package dev.tally.creds.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCacheTest {
    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final SessionCredentials ONE_HOUR =
            new SessionCredentials("ASIAEXAMPLE", "secret/+=", "token\"with\\odd", NOW.plus(Duration.ofHours(1)), NOW);

    private CredsRequest request(String... args) {
        return CredsRequest.resolve(CredsArguments.parse(List.of(args)), new ProcessEnvironment(Map.of(), dir, dir));
    }

    private CacheKey key() {
        return CacheKey.of(request("--role-arn", "arn:aws:iam::123456789012:role/dev"));
    }

    @Test
    void write_makesAnOwnerOnlyFolderAndFile() throws Exception {
        CredentialCache cache = CredentialCache.at(dir.resolve("c/tally/creds"));
        cache.write(key(), ONE_HOUR);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c/tally/creds"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file(key()))))
                .isEqualTo("rw-------");
        assertThat(cache.read(key())).contains(ONE_HOUR);
        try (Stream<Path> files = Files.list(dir.resolve("c/tally/creds"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .matches(n -> n.matches("[0-9a-f]{32}\\.json"));
        }
    }

    @Test
    void read_ignoresCorruptForeignAndWorldReadableFiles_andWriteReplacesThem() throws Exception {
        CredentialCache cache = CredentialCache.at(dir.resolve("creds"));
        cache.write(key(), ONE_HOUR);
        Path file = cache.file(key());
        String good = Files.readString(file);

        Files.writeString(file, good.substring(0, good.length() / 2));
        assertThat(cache.read(key())).isEmpty();
        Files.writeString(file, "{\"Version\":1}");
        assertThat(cache.read(key())).isEmpty();
        Files.writeString(file, good.replace("tally-creds-cache-v1", "tally-creds-cache-v0"));
        assertThat(cache.read(key())).isEmpty();
        Files.writeString(file, good.replace("\"Expiration\":\"2026-11-22T09", "\"Expiration\":\"2027-11-22T09"));
        assertThat(cache.read(key())).isEmpty();
        Files.writeString(file, good);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cache.read(key())).isEmpty();

        cache.write(key(), ONE_HOUR);
        assertThat(cache.read(key())).contains(ONE_HOUR);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void key_differsForEveryPartOfTheRequest() {
        String role = "arn:aws:iam::123456789012:role/dev";
        List<CacheKey> keys = List.of(
                CacheKey.of(request("--role-arn", role)),
                CacheKey.of(request("--role-arn", role + "2")),
                CacheKey.of(request("--role-arn", role, "--project", "p")),
                CacheKey.of(request("--role-arn", role, "--user", "u")),
                CacheKey.of(request("--role-arn", role, "--tag", "a=b")),
                CacheKey.of(request("--role-arn", role, "--region", "eu-west-1")),
                CacheKey.of(request("--role-arn", role, "--duration", "900")),
                CacheKey.of(request("--role-arn", role, "--source-profile", "other")),
                CacheKey.of(request("--role-arn", role, "--session-prefix", "x")));
        assertThat(keys.stream().map(CacheKey::id).distinct()).hasSize(keys.size());
        assertThat(CacheKey.of(request("--role-arn", role, "--tag", "a=1", "--tag", "b=2")))
                .isEqualTo(CacheKey.of(request("--role-arn", role, "--tag", "b=2", "--tag", "a=1")));
    }

    @Test
    void refreshRule_servesWhileTwentyMinutesRemain_orHalfOfAShortSession() {
        RefreshRule rule = RefreshRule.of(OptionalLong.empty());
        assertThat(rule.serves(ONE_HOUR, NOW.plus(Duration.ofMinutes(39)))).isTrue();
        assertThat(rule.serves(ONE_HOUR, NOW.plus(Duration.ofMinutes(40)))).isFalse();
        SessionCredentials quarter = new SessionCredentials("A", "s", "t", NOW.plus(Duration.ofMinutes(15)), NOW);
        assertThat(rule.serves(quarter, NOW.plusSeconds(449))).isTrue();
        assertThat(rule.serves(quarter, NOW.plusSeconds(450))).isFalse();
        assertThat(RefreshRule.of(OptionalLong.of(60)).serves(ONE_HOUR, NOW.plus(Duration.ofMinutes(58))))
                .isTrue();
    }

    @Test
    void processJson_isOneLineWithUtcExpiration_andStringsEscaped() {
        assertThat(ONE_HOUR.toProcessJson())
                .isEqualTo("{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"secret/+=\","
                        + "\"SessionToken\":\"token\\\"with\\\\odd\",\"Expiration\":\"2026-11-22T09:00:00Z\"}");
        assertThat(ONE_HOUR.toString()).doesNotContain("secret/+=").doesNotContain("token\"with");
    }

    @Test
    void utcTimestamp_agreesWithInstant() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long s = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            assertThat(UtcTimestamp.format(s))
                    .isEqualTo(Instant.ofEpochSecond(s).toString());
        }
    }
}
