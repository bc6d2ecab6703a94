package dev.tally.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.SyncMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-users";

    @TempDir
    Path dir;

    @Test
    void defaults() {
        GatewayConfig c = GatewayConfig.builder().roleArn(ROLE).build();
        assertThat(c.port()).isEqualTo(8787);
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.ledger()).isEqualTo("tally-ledger.db");
        assertThat(c.ledgerSync()).isEqualTo(SyncMode.NORMAL);
        assertThat(c.ledgerLinger()).isEqualTo(Duration.ofMillis(3));
        assertThat(c.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(c.sessionNameTemplate()).isEqualTo("gw-{user}");
        assertThat(c.upstream()).isEmpty();
        assertThat(c.limits()).isEqualTo(Limits.DEFAULTS);
        assertThat(c.limits().stsPerSecond()).isEqualTo(500);
    }

    @Test
    void everyKey_mapsToItsSetting_andFlagsAppliedAfterwardWin() throws Exception {
        Path file = write("""
                port: 9000
                bind: 127.0.0.1
                upstream: http://127.0.0.1:4566/
                region: eu-west-1
                role-arn: %s
                ledger: /var/lib/tally/ledger.db
                ledger-sync: full
                ledger-linger: 10ms
                log-format: json
                clock: start=2026-11-01T00:00:00Z,speed=60
                session-name: team-{user}
                tags: {Team: Department, CostCenter: ""}
                limits:
                  max-body: 2MiB
                  drain-timeout: 5s
                  sts-per-second: 50
                  sts-max-wait: 250ms
                  sts-attempts: 3
                  cached-identities: 1000
                  session-duration: 15m
                  key-cache: 200ms
                  request-threads: 64
                """.formatted(ROLE));
        GatewayConfig.Builder b = GatewayConfig.builder();
        ConfigFile.apply(file, b);
        b.port(9100);
        GatewayConfig c = b.build();
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.upstream()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.roleArn()).isEqualTo(ROLE);
        assertThat(c.ledger()).isEqualTo("/var/lib/tally/ledger.db");
        assertThat(c.ledgerSync()).isEqualTo(SyncMode.FULL);
        assertThat(c.ledgerLinger()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(c.clock()).isEqualTo(Optional.of("start=2026-11-01T00:00:00Z,speed=60"));
        assertThat(c.sessionNameTemplate()).isEqualTo("team-{user}");
        assertThat(c.tagMapping()).isEqualTo(Map.of("Team", "Department", "CostCenter", ""));
        assertThat(c.limits())
                .isEqualTo(new Limits(
                        2 * 1024 * 1024,
                        Duration.ofSeconds(5),
                        50,
                        Duration.ofMillis(250),
                        3,
                        1000,
                        Duration.ofMinutes(15),
                        Duration.ofMillis(200),
                        64));
    }

    @Test
    void anUnknownKey_isOneLineNamingFileAndKey() throws Exception {
        Path file = write("role-arn: %s\nlimits:\n  max-bodies: 1MiB\n".formatted(ROLE));
        assertThatThrownBy(() -> ConfigFile.apply(file, GatewayConfig.builder()))
                .isInstanceOf(TallyException.class)
                .hasMessageStartingWith(file + ": unknown key 'limits.max-bodies' (expected one of: max-body,")
                .hasMessageNotContaining("\n");
        Path top = write("prot: 1\n");
        assertThatThrownBy(() -> ConfigFile.apply(top, GatewayConfig.builder()))
                .hasMessageContaining("unknown key 'prot'");
    }

    @Test
    void aBadValue_isOneLineNamingTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigFile.apply(write("limits: {drain-timeout: soon}\n"), GatewayConfig.builder()))
                .hasMessageContaining("limits.drain-timeout: expected a duration");
        assertThatThrownBy(() -> ConfigFile.apply(write("ledger-sync: sometimes\n"), GatewayConfig.builder()))
                .hasMessageContaining("ledger-sync: expected normal or full");
        assertThatThrownBy(() -> ConfigFile.apply(write("ledger-linger: 3\n"), GatewayConfig.builder()))
                .hasMessageContaining("ledger-linger: expected a duration such as 500ms");
        assertThatThrownBy(() -> ConfigFile.apply(write("ledger-linger: 2s\n"), GatewayConfig.builder()))
                .hasMessageContaining("ledger-linger: expected at most 1s");
        assertThatThrownBy(() -> ConfigFile.apply(write("limits: {key-cache: 5s}\n"), GatewayConfig.builder()))
                .hasMessageContaining("limits.key-cache: at most 1s");
        assertThatThrownBy(() -> ConfigFile.apply(write("port: [1]\n"), GatewayConfig.builder()))
                .hasMessageContaining("port: expected a single value");
        assertThatThrownBy(() -> ConfigFile.apply(write("port: [1\n"), GatewayConfig.builder()))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aNonLoopbackBind_needsTlsOrInsecure() {
        assertThatThrownBy(() ->
                        GatewayConfig.builder().roleArn(ROLE).bind("0.0.0.0").build())
                .hasMessageContaining("needs --tls-cert and --tls-key")
                .hasMessageContaining("--insecure");
        assertThat(GatewayConfig.builder()
                        .roleArn(ROLE)
                        .bind("0.0.0.0")
                        .insecure(true)
                        .build()
                        .bind())
                .isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> GatewayConfig.builder().build()).hasMessageContaining("--role-arn: required");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "gateway", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
