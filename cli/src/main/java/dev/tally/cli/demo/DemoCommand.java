package dev.tally.cli.demo;

import dev.tally.cli.Directories;
import dev.tally.cli.Output;
import dev.tally.cli.PricesOption;
import dev.tally.cli.S3Access;
import dev.tally.cli.Version;
import dev.tally.cli.creds.Launcher;
import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.Granularity;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.Role;
import dev.tally.reconcile.ReconcileRequest;
import dev.tally.reconcile.Reconciler;
import dev.tally.reconcile.Reconciliation;
import dev.tally.reconcile.RoleScope;
import dev.tally.reconcile.render.ReconcileRenderer;
import dev.tally.report.query.Dashboard;
import dev.tally.report.query.DashboardQuery;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.HtmlRenderer;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Provenance;
import dev.tally.report.render.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** {@code tally demo}: the whole loop on a local AWS, in under a minute. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole loop offline, from tagged sessions to the bill and its report.",
            "Starts the emulator (a local STS, Bedrock and billing) on a free loopback port and a gateway in front of "
                    + "it, lets a small organisation work for two weeks of emulated time (developers on several "
                    + "repositories through tagged role sessions, a support team and an analyst through the gateway "
                    + "with keys), writes the CUR 2.0 export AWS would, reports it by project and by user, and "
                    + "reconciles the gateway's ledger against the bill.",
            "Writes DIR/cur (the export), DIR/ledger.db (the gateway's ledger) and DIR/tally-demo.html (a "
                    + "self-contained report)."
        })
public final class DemoCommand implements Callable<Integer> {
    /** The gateway's own role: people's laptop sessions use tally-dev, so the bill tells the two apart. */
    static final Role GATEWAY_ROLE = new Role("tally-gateway", true, Duration.ofHours(1));

    private static final AwsBasicCredentials CI_BOT =
            AwsBasicCredentials.create("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "tally-demo",
            description = "Where to write the export and the HTML report (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "14",
            description = "Days of emulated usage, ending yesterday (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Seed of the simulated organisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PricesOption prices = new PricesOption();

    @Override
    public Integer call() {
        if (days < 1 || days > 62) {
            throw TallyException.usage("--days " + days + " must be between 1 and 62");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Path curDir = Directories.writable("--dir", dir).resolve("cur");
        clean(curDir);
        Path ledgerPath = dir.resolve("ledger.db");
        cleanLedger(ledgerPath);
        Organisation org = Organisation.demo();
        PriceCatalog catalog = prices.load(spec.commandLine().getErr());
        IamUser bot = new IamUser("ci-bot", CI_BOT.accessKeyId(), CI_BOT.secretAccessKey());
        EmulatorConfig config = EmulatorConfig.builder()
                .curOut(curDir)
                .granularity(Granularity.DAILY)
                .user(IamUser.DEFAULT)
                .user(bot)
                .role(Role.DEFAULT)
                .role(GATEWAY_ROLE)
                .catalog(catalog)
                .build();
        LocalDate firstDay = LocalDate.now(Clock.systemUTC()).minusDays(days);
        Simulation simulation;
        GatewayTraffic gatewayUsers;
        AwsBasicCredentials developerKeys =
                AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey());
        try (Emulator aws = Emulator.start(config)) {
            out.println("Emulator (STS, Bedrock, billing) listening on " + aws.endpoint());
            try (LocalGateway gateway = new LocalGateway(
                    aws.endpoint(),
                    GATEWAY_ROLE.arn(config.accountId()),
                    developerKeys,
                    ledgerPath.toString(),
                    catalog,
                    firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))) {
                out.println("Gateway (tally gateway, role " + GATEWAY_ROLE.name() + ") listening on "
                        + gateway.endpoint() + ", metering into " + ledgerPath);
                simulation = new Simulation(
                        aws.endpoint(), Role.DEFAULT.arn(config.accountId()), developerKeys, CI_BOT, seed);
                simulation.run(org, firstDay, days);
                gatewayUsers = new GatewayTraffic(gateway, seed + 1);
                gatewayUsers.run(org, firstDay, days);
            }
            aws.flush();
        }
        out.printf(
                "Simulated %d developers and a CI bot: %d Bedrock calls in %d tagged sessions over %d days (%s to %s).%n",
                org.developers().size(),
                simulation.calls(),
                simulation.sessions(),
                days,
                firstDay,
                firstDay.plusDays(days - 1));
        out.printf(
                "Simulated %d gateway users with keys: %d Bedrock calls through the gateway over HTTP, the same days.%n%n",
                gatewayUsers.users(), gatewayUsers.calls());
        S3Fetcher s3 = S3Access.fetcher(System.getenv(), s -> {});
        ReportEngine engine = new ReportEngine(s3, ReportEngine.Progress.none());
        // The dashboard's one scan also gives the by-project table.
        Dashboard dashboard = new DashboardQuery(s3, ReportEngine.Progress.none()).run(request(curDir, "tag:project"));
        show(out, "Bedrock spend by project (the Project session tag)", dashboard.view());
        show(
                out,
                "Bedrock spend by user, from the bill (role " + GATEWAY_ROLE.name() + ": through the gateway; "
                        + Role.DEFAULT.name() + ": laptop sessions)",
                engine.run(request(curDir, "user,role")));
        // The bill is the truth: summing the ledger into these tables would count every gateway call twice.
        out.println("The bill is the truth, so these tables read the bill alone: the gateway's calls are in it");
        out.println("under each user's own session (gw-<user>, with their tags). The gateway's ledger holds the");
        out.println("same calls again, and adding it would count them twice; it is reconciled against the bill below.");
        out.println();
        show(out, "Bedrock spend by team and model", engine.run(request(curDir, "tag:team,model")));
        Path html = dir.resolve("tally-demo.html");
        writeHtml(dashboard, curDir, html, catalog);
        Reconciliation reconciled = reconcile(out, ledgerPath, curDir, catalog, s3, engine);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Done in %.1f s.%n", seconds);
        out.println("  CUR 2.0 export:  " + curDir.toAbsolutePath() + "/");
        out.println("  Gateway ledger:  " + ledgerPath.toAbsolutePath());
        out.println("  HTML report:     " + html.toAbsolutePath());
        out.println();
        out.println("Try next (the ledger beside the bill shows the gateway's calls twice, once per source;");
        out.println("reconcile compares only the gateway role's sessions, since laptop sessions never pass it):");
        String cur = Shell.quote(curDir.toString());
        String ledger = Shell.quote(ledgerPath.toString());
        // As this installation runs from here: the demo may have been started from outside the clone.
        String tally = "  " + Shell.launcher(System.getProperty(Launcher.PROPERTY), Path.of("")) + " ";
        out.println(tally + "report " + cur + " --by user,model");
        out.println(tally + "report " + cur + " --where 'tag:project=(untagged)' --by principal");
        out.println(tally + "report " + cur + " --by day --format csv");
        out.println(tally + "report " + cur + " --ledger " + ledger + " --by source,user");
        out.println(tally + "reconcile --ledger " + ledger + " --cur " + cur + " --role " + GATEWAY_ROLE.name());
        out.println(tally + "emulator --help");
        out.flush();
        return reconciled.passes() ? 0 : 1;
    }

    /** {@code tally reconcile --role tally-gateway}: the gateway's ledger against the gateway role's bill. */
    private static Reconciliation reconcile(
            PrintWriter out, Path ledgerPath, Path curDir, PriceCatalog catalog, S3Fetcher s3, ReportEngine engine) {
        Reconciliation r = new Reconciler(engine, s3)
                .run(ReconcileRequest.of(ledgerPath.toString(), List.of(curDir.toString()))
                        .withPrices(catalog)
                        .withRole(RoleScope.parse(GATEWAY_ROLE.name())));
        out.println("Reconcile: what the gateway metered (its ledger) against what the bill charged its sessions:");
        try {
            ReconcileRenderer.forFormat(OutputFormat.TABLE).render(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.warnings().forEach(w -> out.println("Note: " + w.replace("--role ", "role ")));
        out.println();
        return r;
    }

    private static ReportRequest request(Path curDir, String by) {
        return ReportRequest.of(List.of(curDir.toString()))
                .withBy(Stream.of(by.split(",")).map(Dimension::parse).toList());
    }

    private static void show(PrintWriter out, String title, Report report) {
        out.println(title + ":");
        try {
            Renderer.forFormat(OutputFormat.TABLE).render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private void writeHtml(Dashboard dashboard, Path curDir, Path html, PriceCatalog catalog) {
        try {
            Files.createDirectories(html.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw TallyException.failure("cannot create " + html.getParent() + ": " + e.getMessage(), e);
        }
        Output.write(
                html,
                spec.commandLine().getOut(),
                w -> HtmlRenderer.of(
                                dashboard,
                                new Provenance(
                                        List.of(curDir.toString()),
                                        "--by tag:project",
                                        Instant.now(),
                                        Version.current()),
                                catalog)
                        .render(dashboard.view(), w));
    }

    /** A previous demo's keys and events would be reconciled against this demo's bill: start from no ledger. */
    private static void cleanLedger(Path ledger) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path p = ledger.resolveSibling(ledger.getFileName() + suffix);
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw TallyException.failure("cannot clear the previous demo's ledger " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /** A previous demo's export would be read too: start from an empty export folder. */
    private static void clean(Path curDir) {
        if (!Files.exists(curDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(curDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw TallyException.failure("cannot clear the previous demo at " + curDir + ": " + e.getMessage(), e);
        }
    }
}
