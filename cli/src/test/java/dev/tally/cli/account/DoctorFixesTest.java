package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import dev.tally.testing.MotoServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally doctor}'s fixes follow the cause of each failed call: an endpoint that does not serve a service
 * (tally emulator has no IAM), one that cannot be reached, are fixed where the endpoint is set, never by
 * granting a permission or configuring credentials. Run as a separate process against tally emulator and
 * moto_server, each serving what it does.
 */
class DoctorFixesTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static final String DEVELOPER = "arn:aws:iam::123456789012:user/" + IamUser.DEFAULT.name();

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static MotoServer moto;
    private static URI closed;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(
                EmulatorConfig.builder().curOut(dir.resolve("cur")).build());
        moto = MotoServer.start();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
        moto.close();
    }

    @Test
    void iamOnAnEndpointThatDoesNotServeIt_isFixedByRoutingIam_notByAPermission() throws Exception {
        List<String> lines = doctor(emulator.endpoint(), Map.of()).out().lines().toList();
        assertThat(lines.get(0)).startsWith("[pass] source credentials resolve: " + DEVELOPER);
        assertThat(lines.get(1))
                .startsWith("[FAIL] role exists: the endpoint for IAM does not serve GetRole on role tally-dev"
                        + " (InvalidAction: tally emulator does not serve iam")
                .endsWith(" Fix: AWS_ENDPOINT_URL=" + emulator.endpoint() + " does not serve IAM: set"
                        + " AWS_ENDPOINT_URL_IAM to an endpoint that does (moto_server serves IAM and Budgets;"
                        + " docs/emulator.md), or unset it to use AWS")
                .doesNotContain("iam:GetRole");
    }

    @Test
    void unreachableEndpoint_isFixedAtTheEndpoint_notByConfiguringCredentials() throws Exception {
        TallyRun r = doctor(closed, Map.of());
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .startsWith("[FAIL] source credentials resolve: ")
                .contains("cannot reach STS")
                .endsWith(" Fix: check that AWS_ENDPOINT_URL=" + closed
                        + " is up and reachable (address, port, proxy or VPN), then run tally doctor again")
                .doesNotContain("aws configure");
        assertThat(lines.get(1)).isEqualTo("[skip] role exists: not checked: needs source credentials");
    }

    @Test
    void unreachableCostExplorerBesideMotosIam_namesTheServicesOwnVariable() throws Exception {
        List<String> lines = doctor(
                        emulator.endpoint(),
                        Map.of(
                                "AWS_ENDPOINT_URL_IAM",
                                moto.endpoint().toString(),
                                "AWS_ENDPOINT_URL_COST_EXPLORER",
                                closed.toString()))
                .out()
                .lines()
                .toList();
        // moto serves IAM: the role is simply not there, a finding with its own fix.
        assertThat(lines.get(1)).startsWith("[FAIL] role exists: IAM has no role " + ROLE);
        assertThat(lines.get(4))
                .startsWith("[FAIL] Project and User are active cost allocation tags: cannot reach Cost Explorer")
                .endsWith(" Fix: check that AWS_ENDPOINT_URL_COST_EXPLORER=" + closed
                        + " is up and reachable (address, port, proxy or VPN), then run tally doctor again");
    }

    private static TallyRun doctor(URI endpoint, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "TALLY_ROLE_ARN",
                "",
                "CC_ROLE_ARN",
                "",
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString()));
        all.putAll(env);
        return new TallyProcess(endpoint, dir).withEnvironment(all).run("doctor", "--role-arn", ROLE);
    }
}
