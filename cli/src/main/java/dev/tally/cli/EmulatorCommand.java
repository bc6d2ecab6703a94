package dev.tally.cli;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.emulator.ApiKey;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.Granularity;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.Role;
import dev.tally.emulator.clock.ClockSpec;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.emulator.fault.LatencySpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally emulator}: a thin command around {@link Emulator}. The first line on stdout is the endpoint
 * URL, so scripts can read it; everything else goes to stderr. SIGINT and SIGTERM stop it after a last
 * billing flush.
 */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a local AWS on 127.0.0.1: STS, Bedrock runtime and control plane, Cost Explorer, cost allocation tags and "
                    + "Data Exports behind one endpoint, billing every inference call to the principal that signed it and "
                    + "writing the bill as a CUR 2.0 export.",
            "The first line on stdout is the endpoint URL. Stop with Ctrl-C or SIGTERM: billing is flushed first."
        },
        footer = {
            "",
            "Defaults: one IAM user 'developer' with AWS's documented example key pair (AKIAIOSFODNN7EXAMPLE / "
                    + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) and one role 'tally-dev' "
                    + "(arn:aws:iam::<account>:role/tally-dev) that allows tagged sessions.",
            "Every declared user may assume every declared role.",
            "",
            "Examples:",
            "  tally emulator --cur-out ./cur --clock start=2026-11-01T00:00:00Z,speed=3600",
            "  tally emulator --port 4566 \\",
            "      --api-key mykey=arn:aws:iam::123456789012:user/BedrockAPIKey-me",
            "  tally emulator --faults seed=1,throttle=0.05,error=0.02,stream-cut=0.01 \\",
            "      --latency ttft=300ms,tps=60",
            "See docs/emulator.md for the token, cache and billing rules."
        })
public final class EmulatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "0",
            description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--account",
            paramLabel = "ID",
            defaultValue = EmulatorConfig.DEFAULT_ACCOUNT,
            description = "AWS account id (default: ${DEFAULT-VALUE}).")
    String account;

    @Option(
            names = "--region",
            paramLabel = "R",
            defaultValue = EmulatorConfig.DEFAULT_REGION,
            description = "Region billed for calls that do not name one (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(
            names = "--iam-user",
            paramLabel = "NAME:ACCESS_KEY_ID:SECRET",
            description =
                    "An IAM user that may sign calls; repeatable (default: developer with AWS's example key pair).")
    List<String> users = new ArrayList<>();

    @Option(
            names = "--role",
            paramLabel = "NAME[:no-tag-session]",
            description =
                    "A role every user may assume; ':no-tag-session' refuses tagged AssumeRole calls with AccessDenied; repeatable (default: tally-dev).")
    List<String> roles = new ArrayList<>();

    @Option(
            names = "--api-key",
            paramLabel = "KEY=ARN",
            description = "A Bedrock API key (Authorization: Bearer KEY) billed to the IAM user ARN; repeatable.")
    List<String> apiKeys = new ArrayList<>();

    @Option(
            names = "--cur-out",
            paramLabel = "DIR",
            description = "Write the CUR 2.0 export under DIR/<export-name>/ (default: no billing files).")
    @Nullable
    Path curOut;

    @Option(
            names = "--export-name",
            paramLabel = "NAME",
            defaultValue = EmulatorConfig.DEFAULT_EXPORT_NAME,
            description = "Data export name (default: ${DEFAULT-VALUE}).")
    String exportName;

    @Option(
            names = "--granularity",
            paramLabel = "hourly|daily",
            defaultValue = "hourly",
            description = "Line item time granularity (default: ${DEFAULT-VALUE}).")
    String granularity;

    @Option(
            names = "--faults",
            paramLabel = "SPEC",
            description =
                    "Injected faults, e.g. seed=1,throttle=0.05,error=0.02,stream-cut=0.01,sts-throttle=0.1 (default: none).")
    @Nullable
    String faults;

    @Option(
            names = "--latency",
            paramLabel = "SPEC",
            description = "Model latency, e.g. ttft=300ms,tps=60 (default: none).")
    @Nullable
    String latency;

    @Option(
            names = "--clock",
            paramLabel = "SPEC",
            description =
                    "Emulated billing time, e.g. start=2026-11-01T00:00:00Z,speed=3600 (default: real time). Billing only.")
    @Nullable
    String clock;

    @Mixin
    PricesOption prices = new PricesOption();

    @Override
    public Integer call() throws InterruptedException {
        EmulatorConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Emulator emulator = Emulator.start(config);
        out.println(emulator.endpoint());
        out.flush();
        err.println("tally emulator: STS and Bedrock on " + emulator.endpoint() + ", account " + config.accountId()
                + ", region " + config.region());
        err.println("  users: "
                + config.users().stream()
                        .map(u -> u.name() + " (" + u.accessKeyId() + ")")
                        .collect(Collectors.joining(", ")));
        err.println("  roles: "
                + config.roles().stream()
                        .map(r -> r.arn(config.accountId()) + (r.allowsTagSession() ? "" : " (no TagSession)"))
                        .collect(Collectors.joining(", ")));
        err.println("  billing: "
                + emulator.exportRoot()
                        .map(p -> "CUR 2.0 under " + p + " ("
                                + config.granularity().name().toLowerCase(Locale.ROOT) + ")")
                        .orElse("not written (use --cur-out DIR)"));
        err.println("  Ctrl-C to stop; GET " + emulator.endpoint() + "/_emulator/calls shows what was received.");
        err.flush();
        emulator.awaitShutdown();
        return 0;
    }

    private EmulatorConfig config() {
        EmulatorConfig.Builder b = EmulatorConfig.builder()
                .port(port)
                .accountId(account)
                .region(region)
                .exportName(exportName)
                .granularity(Granularity.parse(granularity))
                .catalog(prices.load(spec.commandLine().getErr()));
        users.forEach(u -> b.user(IamUser.parse(u)));
        roles.forEach(r -> b.role(Role.parse(r)));
        apiKeys.forEach(k -> b.apiKey(ApiKey.parse(k)));
        if (curOut != null) {
            b.curOut(Directories.writable("--cur-out", curOut));
        }
        if (faults != null) {
            b.faults(FaultSpec.parse(faults));
        }
        if (latency != null) {
            b.latency(LatencySpec.parse(latency));
        }
        if (clock != null) {
            b.clock(ClockSpec.parse(clock));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw TallyException.usage(OneLine.of(e.getMessage()));
        }
    }
}
