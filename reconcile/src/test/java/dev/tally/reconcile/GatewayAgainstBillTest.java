package dev.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.cur.Cur2Writer;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import dev.tally.report.query.Dimension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Gateway traffic against the emulator's own bill: a clean run reconciles to zero, and each kind of difference shows
 * up as itself.
 */
class GatewayAgainstBillTest {
    private static final BigDecimal ROUNDING = new BigDecimal("0.000001");

    @TempDir
    Path dir;

    @Test
    void aCleanRun_reconcilesToZeroDifference_atEveryLevel() throws Exception {
        try (Loop loop = new Loop(dir)) {
            String alice = loop.key("alice", Map.of("Team", "search", "Project", "ranker"));
            String bob = loop.key("bob", Map.of("Team", "web"));
            String carol = loop.key("carol@example.com", Map.of());
            loop.traffic(alice, "alice");
            loop.traffic(bob, "bob");
            loop.at("2026-11-03T09:30:00Z");
            loop.traffic(carol, "carol");
            loop.traffic(alice, "alice on day two");
            loop.flush();

            ReconcileRequest base = ReconcileRequest.of(loop.ledgerPath, List.of(loop.cur.toString()));
            BigDecimal[] bill = Loop.billBySql(loop.cur);
            List<List<String>> levels = List.of(
                    List.of("user"),
                    List.of("session"),
                    List.of("tag:team"),
                    List.of("model"),
                    List.of("token-type"),
                    List.of("day"),
                    List.of("user", "day", "model", "token-type"));
            for (List<String> by : levels) {
                Reconciliation r = Loop.reconcile(
                        base.withBy(by.stream().map(Dimension::parse).toList()));
                assertThat(r.passes()).as(by.toString()).isTrue();
                assertThat(r.groups()).as(by.toString()).isNotEmpty().allSatisfy(line -> {
                    assertThat(line.difference().abs()).isLessThanOrEqualTo(ROUNDING);
                    assertThat(line.meteredTokens()).isEqualTo(line.billedTokens());
                    assertThat(line.kinds()).isEmpty();
                });
                assertThat(r.total().meteredCost()).isEqualByComparingTo(loop.ledgerCostBySql());
                assertThat(r.total().billedCost()).isEqualByComparingTo(bill[0]);
                assertThat(r.total().billedTokens()).isEqualTo(bill[1].longValueExact());
                assertThat(r.prices()).isEmpty();
                assertThat(r.tokens()).isEmpty();
                assertThat(r.unknownSessions()).isEmpty();
                assertThat(r.provisional()).isEmpty();
            }
            Reconciliation byType = Loop.reconcile(base.withBy(List.of(Dimension.parse("token-type"))));
            assertThat(byType.groups())
                    .extracting(l -> l.keys().get(0))
                    .containsExactly("cache-read", "cache-write-1h", "cache-write-5m", "input", "output");
            Reconciliation byTeam = Loop.reconcile(base.withBy(List.of(Dimension.parse("tag:team"))));
            assertThat(byTeam.groups()).extracting(l -> l.keys().get(0)).containsExactly("(untagged)", "search", "web");
            assertThat(byTeam.byDay()).extracting(l -> l.keys().get(0)).containsExactly("2026-11-02", "2026-11-03");
            assertThat(byTeam.byUser())
                    .extracting(l -> l.keys().get(0))
                    .containsExactly("alice", "bob", "carol@example.com");
        }
    }

    @Test
    void aWrongPriceInTheGatewaysCatalog_isAPriceDifference_withEqualTokens_andBothUnitPrices() throws Exception {
        Path prices = dir.resolve("prices.txt");
        Files.writeString(prices, "model Claude4.6Sonnet  3.00  16.00  anthropic.claude-sonnet-4-6\n");
        PriceCatalog wrong = PriceCatalog.withOverrides(prices);
        try (Loop loop = new Loop(dir, wrong, FaultSpec.NONE)) {
            String dana = loop.key("dana", Map.of("Team", "search"));
            loop.traffic(dana, "dana");
            loop.flush();
            Reconciliation r = Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(loop.cur.toString()))
                    .withPrices(wrong)
                    .withBy(List.of(Dimension.parse("model"), Dimension.parse("token-type"))));

            assertThat(r.prices()).singleElement().satisfies(p -> {
                assertThat(p.model()).isEqualTo("Claude4.6Sonnet");
                assertThat(p.kind()).isEqualTo(TokenKind.OUTPUT);
                assertThat(p.pricing()).isEqualTo(PricingModel.ON_DEMAND);
                assertThat(p.meteredPricePerMillion()).isEqualByComparingTo("16");
                assertThat(p.billedPricePerMillion()).isEqualByComparingTo("15");
                assertThat(p.tokens()).isPositive();
            });
            assertThat(r.tokens()).isEmpty();
            assertThat(r.unknownSessions()).isEmpty();
            Line sonnetOutput = r.groups().stream()
                    .filter(l -> l.keys().equals(List.of("Claude4.6Sonnet", "output")))
                    .findFirst()
                    .orElseThrow();
            assertThat(sonnetOutput.meteredTokens()).isEqualTo(sonnetOutput.billedTokens());
            assertThat(sonnetOutput.kinds()).containsExactly(DifferenceKind.PRICE);
            assertThat(sonnetOutput.withinTolerance()).isFalse();
            assertThat(r.passes()).isFalse();
            assertThat(r.groups().stream().filter(l -> l != sonnetOutput))
                    .allSatisfy(l -> assertThat(l.kinds()).isEmpty());
        }
    }

    @Test
    void directCallsThatBypassTheGateway_withTheSameRole_areUnknownSessions_listedWhateverBySays() throws Exception {
        try (Loop loop = new Loop(dir)) {
            String erin = loop.key("erin", Map.of("Team", "web"));
            loop.traffic(erin, "erin");
            Credentials session;
            try (StsClient sts = StsClient.builder()
                    .endpointOverride(loop.aws.endpoint())
                    .region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(Loop.ACCESS_KEY, Loop.SECRET_KEY)))
                    .build()) {
                session = sts.assumeRole(r -> r.roleArn(Loop.ROLE_ARN)
                                .roleSessionName("laptop-erin")
                                .tags(Tag.builder().key("User").value("erin").build()))
                        .credentials();
            }
            try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder()
                    .endpointOverride(loop.aws.endpoint())
                    .region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                    .overrideConfiguration(o -> o.putHeader("X-Tally-Emulator-Time", "2026-11-02T11:00:00Z"))
                    .build()) {
                for (String text : List.of("Around the gateway", "Around the gateway again")) {
                    bedrock.invokeModel(
                            r -> r.modelId(Loop.SONNET).body(SdkBytes.fromUtf8String(Loop.anthropic(text, "5m"))));
                }
            }
            loop.flush();
            Reconciliation r = Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(loop.cur.toString()))
                    .withBy(List.of(Dimension.parse("model"))));

            assertThat(r.unknownSessions()).singleElement().satisfies(u -> {
                assertThat(u.session()).isEqualTo("laptop-erin");
                assertThat(u.arn()).isEqualTo(Loop.SESSION_PREFIX + "laptop-erin");
                assertThat(u.user()).isEqualTo("erin");
                assertThat(u.billedCost()).isPositive();
                assertThat(u.firstDay()).isEqualTo(LocalDate.parse("2026-11-02"));
            });
            assertThat(r.passes()).isFalse();
            assertThat(r.status()).isEqualTo("differs");
            // The gateway's own traffic still matches; the bypass is told apart from it.
            assertThat(r.tokens()).isEmpty();
            assertThat(r.prices()).isEmpty();
            assertThat(r.byUser()).anySatisfy(l -> {
                assertThat(l.keys()).containsExactly("erin");
                assertThat(l.kinds()).containsExactly(DifferenceKind.UNKNOWN_SESSION);
            });
        }
    }

    @Test
    void roleScope_leavesOutPrincipalsOfOtherRoles_butStillCatchesBypassWithTheGatewaysRole() throws Exception {
        try (Loop loop = new Loop(dir)) {
            String erin = loop.key("erin", Map.of("Team", "web"));
            loop.traffic(erin, "erin");
            AwsBasicCredentials iamUser = AwsBasicCredentials.create(Loop.ACCESS_KEY, Loop.SECRET_KEY);
            Credentials session;
            try (StsClient sts = StsClient.builder()
                    .endpointOverride(loop.aws.endpoint())
                    .region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(iamUser))
                    .build()) {
                session = sts.assumeRole(r -> r.roleArn(Loop.ROLE_ARN).roleSessionName("laptop-erin"))
                        .credentials();
            }
            // Around the gateway twice: with the gateway's own role (a bypass), and as the IAM user itself (not a
            // session of the gateway's role at all: a person's or a tool's own spend).
            for (var credentials : List.of(
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            session.accessKeyId(), session.secretAccessKey(), session.sessionToken())),
                    StaticCredentialsProvider.create(iamUser))) {
                try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder()
                        .endpointOverride(loop.aws.endpoint())
                        .region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(credentials)
                        .overrideConfiguration(o -> o.putHeader("X-Tally-Emulator-Time", "2026-11-02T11:00:00Z"))
                        .build()) {
                    bedrock.invokeModel(
                            r -> r.modelId(Loop.SONNET).body(SdkBytes.fromUtf8String(Loop.anthropic("Around", "5m"))));
                }
            }
            loop.flush();
            ReconcileRequest request = ReconcileRequest.of(loop.ledgerPath, List.of(loop.cur.toString()));

            assertThat(Loop.reconcile(request).unknownSessions())
                    .extracting(UnknownSession::session)
                    .containsExactlyInAnyOrder("laptop-erin", "developer");
            for (String scope : List.of("tally-dev", Loop.ROLE_ARN)) {
                Reconciliation scoped = Loop.reconcile(request.withRole(RoleScope.parse(scope)));
                assertThat(scoped.unknownSessions())
                        .as(scope)
                        .extracting(UnknownSession::session)
                        .containsExactly("laptop-erin");
                assertThat(scoped.passes()).isFalse();
                assertThat(scoped.tokens()).isEmpty();
                assertThat(scoped.warnings())
                        .anyMatch(
                                w -> w.startsWith("--role tally-dev: billed Bedrock cost of ")
                                        && w.endsWith(
                                                "by 1 principals that are not sessions of that role is left out of the comparison"));
            }
            Reconciliation otherAccount =
                    Loop.reconcile(request.withRole(RoleScope.parse("arn:aws:iam::999999999999:role/tally-dev")));
            assertThat(otherAccount.unknownSessions()).isEmpty();
            // A misspelt role matches no billed session: the warning names the roles the bill's sessions have.
            assertThat(Loop.reconcile(request.withRole(RoleScope.parse("tally-dve")))
                            .warnings())
                    .contains(
                            "--role tally-dve: no billed session is of that role; the bill's sessions are of tally-dev");
        }
    }

    @Test
    void roleScope_parse_takesANameOrARoleArn_andRefusesAnythingElse() {
        assertThat(RoleScope.parse("tally-gateway")).isEqualTo(new RoleScope("tally-gateway", Optional.empty()));
        assertThat(RoleScope.parse("arn:aws:iam::123456789012:role/tally-gateway"))
                .isEqualTo(new RoleScope("tally-gateway", Optional.of("123456789012")));
        for (String bad : List.of("", "a role", "arn:aws:sts::123456789012:assumed-role/r/s", "arn:nope")) {
            assertThatThrownBy(() -> RoleScope.parse(bad))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                    .hasMessageStartingWith("--role '" + bad + "' is not a role name or role ARN");
        }
    }

    @Test
    void streamsCutByFaultInjection_showWhatTheEmulatorBilledAgainstWhatTheLedgerSaw() throws Exception {
        try (Loop loop = new Loop(dir, PriceCatalog.builtIn(), new FaultSpec(5, 0, 0, 1, 0))) {
            String finn = loop.key("finn", Map.of());
            String body = """
                    {"anthropic_version":"bedrock-2023-05-31","max_tokens":400,
                     "messages":[{"role":"user","content":"Please write a long enough answer so the stream has many deltas to cut, %s"}]}""";
            for (int i = 0; i < 3; i++) {
                var response =
                        loop.post("/model/" + Loop.SONNET + "/invoke-with-response-stream", finn, body.formatted(i));
                assertThat(response.statusCode()).isEqualTo(200);
            }
            loop.flush();
            Reconciliation r = Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(loop.cur.toString()))
                    .withBy(List.of(Dimension.parse("token-type"))));

            long[] ledger = ledgerTokens(loop);
            Line input = line(r, "input");
            Line output = line(r, "output");
            assertThat(input.meteredTokens()).isEqualTo(ledger[0]);
            assertThat(output.meteredTokens()).isEqualTo(ledger[1]);
            assertThat(input.billedTokens() + output.billedTokens())
                    .isEqualTo(Loop.billBySql(loop.cur)[1].longValueExact());
            // Input is exact on both sides; the cut output is what differs, and it is a metering gap, flagged as
            // estimated calls.
            assertThat(input.kinds()).isEmpty();
            assertThat(output.billedTokens()).isNotEqualTo(output.meteredTokens());
            assertThat(output.kinds()).containsExactly(DifferenceKind.TOKENS);
            assertThat(r.tokens()).singleElement().satisfies(t -> {
                assertThat(t.kind()).isEqualTo(TokenKind.OUTPUT);
                assertThat(t.estimatedCalls()).isEqualTo(3);
                assertThat(t.meteredCalls()).isEqualTo(3);
            });
        }
    }

    @Test
    void aDayNotYetBilled_isProvisional_andPasses_butAnUnbilledEarlierDayDoesNot() throws Exception {
        try (Loop loop = new Loop(dir)) {
            String gus = loop.key("gus", Map.of("Team", "ml"));
            loop.traffic(gus, "gus");
            loop.flush();
            Path billedThroughDayOne = loop.snapshotCur("cur-day-one");
            loop.at("2026-11-03T08:00:00Z");
            loop.traffic(gus, "gus on day two");
            BigDecimal dayTwo = loop.ledgerCostBySql().subtract(Loop.billBySql(billedThroughDayOne)[0]);

            Reconciliation r =
                    Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(billedThroughDayOne.toString())));
            assertThat(r.newestBilledDay()).contains(LocalDate.parse("2026-11-02"));
            assertThat(r.provisional()).singleElement().satisfies(p -> {
                assertThat(p.day()).isEqualTo(LocalDate.parse("2026-11-03"));
                assertThat(p.notBilledYet()).isEqualByComparingTo(dayTwo);
            });
            assertThat(r.tokens()).isEmpty();
            assertThat(r.passes()).isTrue();
            assertThat(r.groups()).singleElement().satisfies(l -> {
                assertThat(l.kinds()).containsExactly(DifferenceKind.PROVISIONAL);
                assertThat(l.provisionalCost()).isEqualByComparingTo(dayTwo);
                assertThat(l.withinTolerance()).isTrue();
            });

            // A call metered on a day the bill has already closed is not lag: it is a gap, and fails.
            loop.ledger
                    .record(new UsageEvent(
                            "lost-in-the-bill",
                            Instant.parse("2026-11-01T12:00:00Z"),
                            "key",
                            "gus",
                            Loop.SESSION_PREFIX + "gw-gus",
                            Map.of("User", "gus", "Team", "ml"),
                            Loop.SONNET,
                            "Claude4.6Sonnet",
                            "converse",
                            new TokenCounts(100_000, 0, 0, 0, 0),
                            PricingModel.ON_DEMAND,
                            new BigDecimal("0.3"),
                            "USD",
                            200,
                            Duration.ofMillis(10),
                            Optional.empty(),
                            Outcome.COMPLETED,
                            false))
                    .join();
            Reconciliation gap =
                    Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(billedThroughDayOne.toString())));
            assertThat(gap.passes()).isFalse();
            assertThat(gap.tokens()).singleElement().satisfies(t -> {
                assertThat(t.day()).isEqualTo(LocalDate.parse("2026-11-01"));
                assertThat(t.meteredTokens()).isEqualTo(100_000);
                assertThat(t.billedTokens()).isZero();
            });
        }
    }

    @Test
    void everyCur2FormatTheReportReads_givesTheSameReconciliation_andLegacyExportsWithoutPrincipalsAreRefused()
            throws Exception {
        try (Loop loop = new Loop(dir)) {
            String hal = loop.key("hal", Map.of());
            loop.traffic(hal, "hal");
            loop.flush();
            Path parquet;
            try (Stream<Path> files = Files.walk(loop.cur)) {
                parquet = files.filter(p -> p.toString().endsWith(".parquet"))
                        .findFirst()
                        .orElseThrow();
            }
            Path csvGz = dir.resolve("csv/cur.csv.gz");
            Path csv = dir.resolve("csv/cur.csv");
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                Cur2Writer.write(duck, "SELECT * FROM read_parquet('" + parquet + "')", csvGz);
                Cur2Writer.write(duck, "SELECT * FROM read_parquet('" + parquet + "')", csv);
            }
            Reconciliation fromParquet =
                    Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(parquet.toString())));
            for (Path other : List.of(csvGz, csv)) {
                Reconciliation r = Loop.reconcile(ReconcileRequest.of(loop.ledgerPath, List.of(other.toString())));
                assertThat(r.passes()).as(other.toString()).isTrue();
                assertThat(r.total().billedCost())
                        .isEqualByComparingTo(fromParquet.total().billedCost());
                assertThat(r.total().billedTokens())
                        .isEqualTo(fromParquet.total().billedTokens());
            }
            Path shared = Path.of(System.getProperty("tally.shared"), "data");
            for (String legacy : List.of("cur1-legacy-sample.csv", "focus-1.0-sample.csv")) {
                assertThatThrownBy(() -> Loop.reconcile(ReconcileRequest.of(
                                loop.ledgerPath, List.of(shared.resolve(legacy).toString()))))
                        .as(legacy)
                        .isInstanceOfSatisfying(
                                TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                        .hasMessageContaining(legacy)
                        .hasMessageContaining("names no IAM principal")
                        .hasMessageContaining("reconcile needs a CUR 2.0 export");
            }
        }
    }

    private static Line line(Reconciliation r, String key) {
        return r.groups().stream()
                .filter(l -> l.keys().equals(List.of(key)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + r.groups()));
    }

    private static long[] ledgerTokens(Loop loop) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + loop.ledgerPath);
                var rs = c.createStatement()
                        .executeQuery("SELECT sum(input_tokens), sum(output_tokens) FROM usage_event")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
