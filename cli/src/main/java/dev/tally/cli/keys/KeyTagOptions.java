package dev.tally.cli.keys;

import dev.tally.core.error.TallyException;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.StsRuleException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The session tags a key's calls carry besides {@code User}, spelled as {@code tally creds} spells its tags
 * ({@code Project}, and here {@code Team}, {@code Tenant}, {@code CostCenter}), sanitized by the same STS rules
 * creds applies, so the bill's tag columns and the ledger's agree.
 */
final class KeyTagOptions {
    static final String PROJECT = "Project";
    static final String TEAM = "Team";
    static final String TENANT = "Tenant";
    static final String COST_CENTER = "CostCenter";

    @Option(names = "--project", paramLabel = "P", description = "Session tag Project.")
    @Nullable
    String project;

    @Option(names = "--team", paramLabel = "T", description = "Session tag Team.")
    @Nullable
    String team;

    @Option(names = "--tenant", paramLabel = "X", description = "Session tag Tenant.")
    @Nullable
    String tenant;

    @Option(names = "--cost-center", paramLabel = "C", description = "Session tag CostCenter.")
    @Nullable
    String costCenter;

    @Option(
            names = "--tag",
            paramLabel = "K=V",
            description = "Another session tag; repeatable. STS's rules apply: at most 50 tags, keys not aws:...")
    List<String> extra = new ArrayList<>();

    /** The tags, sanitized; a value that had to change is noted on {@code err}. */
    Map<String, String> tags(PrintWriter err) {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, PROJECT, project, "--project", err);
        put(tags, TEAM, team, "--team", err);
        put(tags, TENANT, tenant, "--tenant", err);
        put(tags, COST_CENTER, costCenter, "--cost-center", err);
        for (String kv : extra) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw TallyException.usage("--tag '" + kv + "' is not K=V (e.g. --tag env=prod)");
            }
            String key = kv.substring(0, eq);
            if (tags.keySet().stream().anyMatch(key::equalsIgnoreCase)) {
                throw TallyException.usage(
                        "--tag " + key + " is given twice (tag keys are case-insensitive, and --team etc. set one)");
            }
            put(tags, key, kv.substring(eq + 1), "--tag", err);
        }
        return tags;
    }

    /**
     * The key's user, sanitized as its {@code User} session tag is: the ledger's user and the bill's {@code user}
     * dimension must agree. A value that had to change is noted on {@code err}.
     */
    static String user(String user, PrintWriter err) {
        return sanitized(SessionIdentity.USER_TAG, user, "--user", err).value();
    }

    private static void put(
            Map<String, String> tags, String key, @Nullable String value, String option, PrintWriter err) {
        if (value != null) {
            SessionTag tag = sanitized(key, value, option, err);
            tags.put(tag.key(), tag.value());
        }
    }

    private static SessionTag sanitized(String key, String value, String option, PrintWriter err) {
        SessionTag tag;
        try {
            tag = SessionTag.sanitized(key, value);
        } catch (StsRuleException e) {
            throw TallyException.usage(option + " " + key + ": STS would refuse it: " + e.constraint());
        }
        if (!tag.key().equals(key) || !tag.value().equals(value)) {
            err.println("tally: " + option + " " + key + "=" + value + " becomes " + tag.key() + "=" + tag.value()
                    + " (STS allows letters, digits, spaces and _ . : / = + - @)");
        }
        return tag;
    }
}
