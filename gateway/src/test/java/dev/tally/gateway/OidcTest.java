package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.Granularity;
import dev.tally.emulator.inspect.CallLog;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.config.Oidc;
import dev.tally.gateway.oidc.IdentityProvider;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Company identities end to end: an identity provider made here (its own RSA and EC keys, its JWKS on a loopback
 * port), tokens it signs, the gateway verifying them, mapping their claims to the session, and the emulator
 * billing the calls to that session with those tags.
 */
class OidcTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String PREFIX = "arn:aws:sts::123456789012:assumed-role/tally-dev/";
    private static final String CONVERSE = """
            {"messages":[{"role":"user","content":[{"text":"Hello from a company identity"}]}],
             "inferenceConfig":{"maxTokens":30}}""";

    @TempDir
    Path dir;

    IdentityProvider idp;

    @BeforeEach
    void provider() throws Exception {
        idp = new IdentityProvider();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private Consumer<GatewayConfig.Builder> oidc(Duration minRefetch) {
        return b -> b.oidc(new Oidc(
                IdentityProvider.ISSUER,
                List.of(IdentityProvider.AUDIENCE, "another-client"),
                idp.jwksUrl(),
                Duration.ofMinutes(10),
                minRefetch,
                Duration.ofSeconds(30),
                "preferred_username",
                "email",
                Map.of("Team", "groups"),
                true));
    }

    @Test
    void rs256AndEs256Tokens_areBilledByTheEmulatorToTheirOwnSession_withTheMappedTags() throws Exception {
        Path cur = dir.resolve("cur");
        // AWS's tags claim, wrapped in an array by some providers and bare by others: both read the same.
        Map<String, Object> aliceAws = Map.of(
                "principal_tags", Map.of("Project", List.of("ranker"), "CostCenter", List.of("cc 42")),
                "transitive_tag_keys", List.of("Project"));
        String alice = IdentityProvider.signed(
                idp.rsa(),
                IdentityProvider.claims(
                        "alice@example.com",
                        c -> c.claim("preferred_username", "alice")
                                .claim("groups", List.of("search & ranking", "admins"))
                                .claim(Oidc.AWS_TAGS_CLAIM, List.of(aliceAws))));
        String bob = IdentityProvider.signed(
                idp.ec(),
                IdentityProvider.claims(
                        "bob@example.com",
                        c -> c.claim("preferred_username", "bob")
                                .claim("groups", List.of("web"))
                                .claim(
                                        Oidc.AWS_TAGS_CLAIM,
                                        Map.of("principal_tags", Map.of("Project", List.of("site"))))));
        try (Ledger store = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL);
                GatewayHarness h = new GatewayHarness(
                        EmulatorConfig.builder().curOut(cur).granularity(Granularity.DAILY),
                        oidc(Duration.ofSeconds(30)),
                        store)) {
            for (int i = 0; i < 3; i++) {
                ok(h.post("/model/" + SONNET + "/converse", alice, CONVERSE));
                ok(h.post("/model/" + SONNET + "/converse", bob, CONVERSE));
            }
            // Keys still work beside tokens.
            String key = store.keys().create("carol", Map.of("Team", "ops")).key();
            ok(h.post("/model/" + SONNET + "/converse", key, CONVERSE));
            h.aws.flush();

            // What the gateway asked STS: sanitized session name and tags (& is not allowed in a tag value).
            Map<String, CallLog.AssumeRoleCall> calls = new LinkedHashMap<>();
            h.aws.calls().recentAssumeRoleCalls().forEach(c -> calls.put(c.sessionName(), c));
            assertThat(calls.get("gw-alice@example.com").tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "User", "alice",
                            "Team", "search _ ranking",
                            "Project", "ranker",
                            "CostCenter", "cc 42"));
            assertThat(calls.get("gw-bob@example.com").tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("User", "bob", "Team", "web", "Project", "site"));
            assertThat(h.counts().get("sts:AssumeRole")).isEqualTo(3); // one per identity, then cached

            // What the emulator billed, read from its CUR 2.0 export by DuckDB alone.
            Map<String, String> billed = new LinkedHashMap<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT line_item_iam_principal,"
                            + " tags['iamPrincipal/User'], tags['iamPrincipal/Team'], tags['iamPrincipal/Project']"
                            + " FROM read_parquet('" + cur + "/tally-emulator/data/*/*.parquet') ORDER BY 1")) {
                while (rs.next()) {
                    billed.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4));
                }
            }
            assertThat(billed)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            PREFIX + "gw-alice@example.com", "alice/search _ ranking/ranker",
                            PREFIX + "gw-bob@example.com", "bob/web/site",
                            PREFIX + "gw-carol", "carol/ops/null"));

            // The ledger names the token's subject as the key, and the same session.
            List<UsageEvent> events = new ArrayList<>();
            try (Stream<UsageEvent> s =
                    store.events(Instant.EPOCH, Instant.now().plusSeconds(3600))) {
                s.forEach(events::add);
            }
            assertThat(events)
                    .filteredOn(e -> e.user().equals("alice"))
                    .hasSize(3)
                    .allSatisfy(e -> {
                        assertThat(e.keyId()).isEqualTo("oidc:sub-alice@example.com");
                        assertThat(e.sessionArn()).isEqualTo(PREFIX + "gw-alice@example.com");
                        assertThat(e.tags()).containsEntry("Team", "search _ ranking");
                    });
            assertThat(h.logText()).doesNotContain(alice).doesNotContain(bob).doesNotContain(key);
        }
    }

    @Test
    void badTokens_are403_withTheReasonInTheLogOnly() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, other key
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(
                "Expired JWT",
                IdentityProvider.signed(
                        idp.rsa(),
                        IdentityProvider.claims(
                                "a@x.test",
                                c -> c.claim("preferred_username", "a")
                                        .expirationTime(Date.from(now.minusSeconds(120))))));
        tokens.put(
                "JWT before use time",
                IdentityProvider.signed(
                        idp.rsa(),
                        IdentityProvider.claims(
                                "a@x.test",
                                c -> c.claim("preferred_username", "a")
                                        .notBeforeTime(Date.from(now.plusSeconds(600))))));
        tokens.put(
                "iss",
                IdentityProvider.signed(
                        idp.ec(),
                        IdentityProvider.claims(
                                "a@x.test",
                                c -> c.claim("preferred_username", "a").issuer("https://evil.example.test/"))));
        tokens.put(
                "aud",
                IdentityProvider.signed(
                        idp.rsa(),
                        IdentityProvider.claims(
                                "a@x.test",
                                c -> c.claim("preferred_username", "a").audience("someone-else"))));
        tokens.put(
                "Invalid signature",
                IdentityProvider.signed(
                        stranger, IdentityProvider.claims("a@x.test", c -> c.claim("preferred_username", "a"))));
        tokens.put(
                "Unsecured",
                new PlainJWT(IdentityProvider.claims("a@x.test", c -> c.claim("preferred_username", "a"))).serialize());
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                IdentityProvider.claims("a@x.test", c -> c.claim("preferred_username", "a")));
        hmac.sign(new MACSigner(new byte[32]));
        tokens.put("algorithm", hmac.serialize());
        tokens.put(
                "preferred_username", IdentityProvider.signed(idp.rsa(), IdentityProvider.claims("a@x.test", c -> {})));
        try (GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), oidc(Duration.ofSeconds(30)))) {
            String generic = null;
            for (var t : tokens.entrySet()) {
                HttpResponse<String> r = h.post("/model/" + SONNET + "/converse", t.getValue(), CONVERSE);
                assertThat(r.statusCode()).as(t.getKey()).isEqualTo(403);
                assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
                generic = generic == null ? r.body() : generic;
                assertThat(r.body()).as("every refusal reads the same").isEqualTo(generic);
                assertThat(r.body()).doesNotContain(t.getKey()).doesNotContain(t.getValue());
            }
            assertThat(h.upstreamCallsTotal()).isZero();
            String log = waitForLines(h, tokens.size());
            for (var t : tokens.entrySet()) {
                assertThat(log).as("reason " + t.getKey()).contains(t.getKey());
                assertThat(log).doesNotContain(t.getValue());
            }
        }
    }

    @Test
    void keyRotationMidRun_isPickedUpByAnUnknownKid_andUnknownKidsRefetchAtMostOncePerInterval() throws Exception {
        try (GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), oidc(Duration.ofSeconds(2)))) {
            String before = IdentityProvider.signed(
                    idp.rsa(), IdentityProvider.claims("dee@x.test", c -> c.claim("preferred_username", "dee")));
            ok(h.post("/model/" + SONNET + "/converse", before, CONVERSE));
            assertThat(idp.fetches()).isEqualTo(1);

            RSAKey old = idp.rsa();
            RSAKey rotated = idp.rotate("rsa-2");
            Thread.sleep(2100);
            String after = IdentityProvider.signed(
                    rotated, IdentityProvider.claims("dee@x.test", c -> c.claim("preferred_username", "dee")));
            ok(h.post("/model/" + SONNET + "/converse", after, CONVERSE));
            assertThat(idp.fetches()).isEqualTo(2);
            // The retired key no longer signs anything new.
            String stale = IdentityProvider.signed(
                    old, IdentityProvider.claims("eve@x.test", c -> c.claim("preferred_username", "eve")));
            assertThat(h.post("/model/" + SONNET + "/converse", stale, CONVERSE).statusCode())
                    .isEqualTo(403);

            // A burst of forged kids: refused, and at most one refetch per 2 s interval.
            RSAKey forger = new RSAKeyGenerator(2048).keyID("forged").generate();
            int fetches = idp.fetches();
            long start = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                String forged = IdentityProvider.signed(
                        forger,
                        IdentityProvider.claims("m" + i + "@x.test", c -> c.claim("preferred_username", "mallory")));
                assertThat(h.post("/model/" + SONNET + "/converse", forged, CONVERSE)
                                .statusCode())
                        .isEqualTo(403);
            }
            long intervals = (System.nanoTime() - start) / Duration.ofSeconds(2).toNanos();
            assertThat(idp.fetches() - fetches).isLessThanOrEqualTo(1 + (int) intervals);
            assertThat(idp.fetches() - fetches).as("30 forged kids").isLessThan(30);
            // The ES256 key survived the rotation.
            ok(h.post(
                    "/model/" + SONNET + "/converse",
                    IdentityProvider.signed(
                            idp.ec(), IdentityProvider.claims("fay@x.test", c -> c.claim("preferred_username", "fay"))),
                    CONVERSE));
        }
    }

    private static String waitForLines(GatewayHarness h, int lines) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String log = h.logText();
            if (log.lines().filter(l -> l.contains("status=403")).count() >= lines) {
                return log;
            }
            Thread.sleep(50);
        }
        return h.logText();
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
