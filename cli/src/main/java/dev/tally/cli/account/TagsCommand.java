package dev.tally.cli.account;

import dev.tally.account.tags.CostAllocationTags;
import dev.tally.account.tags.KeyOutcome;
import dev.tally.account.tags.TagStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/** {@code tally tags activate|status}: cost allocation tags, which decide what Cost Explorer and CUR can group by. */
@Command(
        name = "tags",
        mixinStandardHelpOptions = true,
        description = {
            "Cost allocation tags: Bedrock spend groups by a tag only once its key is active.",
            "A key appears only after a call carrying it was billed; activation takes up to 48 hours to show in Cost Explorer and CUR."
        },
        subcommands = {TagsCommand.Activate.class, TagsCommand.Status.class})
public final class TagsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description =
                    "Activates cost allocation tag keys (UpdateCostAllocationTagsStatus, 20 keys per call); exit 1 if any key failed.",
            footer = {"", "Example:", "  tally tags activate iamPrincipal/Project iamPrincipal/User"})
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AwsClientOptions aws;

        @Parameters(
                arity = "1..*",
                paramLabel = "KEY",
                description = "Tag keys exactly as AWS lists them (see: tally tags status).")
        List<String> keys;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (CostExplorerClient ce = aws.clients().costExplorer()) {
                CostAllocationTags tags = new CostAllocationTags(ce);
                List<KeyOutcome> outcomes = tags.activate(keys);
                int failed = 0;
                // Listed once, only when a key failed: the hints for every failed key come from it.
                List<TagStatus> known =
                        outcomes.stream().anyMatch(KeyOutcome::failed) ? tags.list(List.of()) : List.of();
                for (KeyOutcome o : outcomes) {
                    if (o.failed()) {
                        failed++;
                        String hint = CostAllocationTags.resolve(o.key(), known)
                                .filter(t -> !t.key().equals(o.key()))
                                .map(t -> " (did you mean " + t.key() + "?)")
                                .orElse("");
                        err.println(
                                "tally: tag " + o.key() + ": " + o.errorCode().orElseThrow() + ": "
                                        + o.message().orElse("") + hint);
                    } else {
                        out.println("activated " + o.key());
                    }
                }
                err.println(
                        "tally: a key exists only after a call carrying it was billed; activation takes up to 48 hours to reach "
                                + "Cost Explorer and CUR, and is not retroactive");
                return failed == 0 ? 0 : 1;
            }
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Lists cost allocation tag keys with their status (every page of ListCostAllocationTags), or only the KEYs given.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AwsClientOptions aws;

        @Parameters(arity = "0..*", paramLabel = "KEY", description = "Keys to show (exact); default: every key.")
        List<String> keys = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (CostExplorerClient ce = aws.clients().costExplorer()) {
                CostAllocationTags tags = new CostAllocationTags(ce);
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("key", "status", "type", "last_used", "last_updated"));
                boolean missing = false;
                if (keys.isEmpty()) {
                    tags.list(List.of()).forEach(t -> rows.add(row(t)));
                } else {
                    for (Map.Entry<String, Optional<TagStatus>> e :
                            tags.status(keys).entrySet()) {
                        if (e.getValue().isPresent()) {
                            rows.add(row(e.getValue().get()));
                        } else {
                            missing = true;
                            rows.add(List.of(e.getKey(), "(not found)", "", "", ""));
                        }
                    }
                }
                print(out, rows);
                if (rows.size() == 1 || missing) {
                    err.println(
                            "tally: a key appears only after a call carrying it was billed (allow up to 24 hours); keys are case-sensitive");
                }
                return 0;
            }
        }

        private static List<String> row(TagStatus t) {
            return List.of(
                    t.key(),
                    t.status(),
                    t.type(),
                    t.lastUsed().map(Instant::toString).orElse(""),
                    t.lastUpdated().map(Instant::toString).orElse(""));
        }

        private static void print(PrintWriter out, List<List<String>> rows) {
            int[] widths = new int[rows.get(0).size()];
            rows.forEach(r -> {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(widths[i], r.get(i).length());
                }
            });
            for (List<String> r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    b.append(i == 0 ? "" : "  ")
                            .append(r.get(i))
                            .append(" ".repeat(widths[i] - r.get(i).length()));
                }
                out.println(b.toString().stripTrailing());
            }
            out.flush();
        }
    }
}
