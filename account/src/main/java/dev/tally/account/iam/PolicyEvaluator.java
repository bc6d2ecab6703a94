package dev.tally.account.iam;

import dev.tally.account.iam.PolicyStatement.Effect;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small evaluator for the questions Tally asks of a role: does its trust policy let this principal call
 * this STS action, and do its permission policies grant this Bedrock action on these resource forms.
 *
 * <p>It follows IAM where that is decidable without a request context: actions match case-insensitively
 * with {@code *} and {@code ?} wildcards, resources case-sensitively with the same wildcards, an
 * unconditional explicit Deny wins over any Allow. Statements with conditions count as {@link
 * Verdict#LIMITED} when they allow and are ignored when they deny (a conditional Deny such as Tally's
 * require-tags policy says when calls are refused, not whether they are granted). Statements with
 * {@code NotAction}, {@code NotPrincipal} or {@code NotResource} match nothing. Permission boundaries, SCPs
 * and session policies are outside what a role's own documents say.
 */
public final class PolicyEvaluator {
    public enum Verdict {
        /** Allowed for every resource form asked, with no condition. */
        ALLOWED,
        /** Allowed only on some resources or under conditions. */
        LIMITED,
        /** No statement allows it (IAM's implicit deny). */
        NOT_ALLOWED,
        /** An unconditional Deny refuses it. */
        DENIED;

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    private PolicyEvaluator() {}

    /** Whether a trust policy lets {@code principalArn} call {@code action} (e.g. {@code sts:TagSession}). */
    public static Verdict trustAllows(PolicyDocument trust, String principalArn, String action) {
        boolean allowed = false;
        boolean limited = false;
        for (PolicyStatement s : trust.statements()) {
            if (!s.negated().isEmpty()
                    || !anyActionMatches(s.actions(), action)
                    || !principalMatches(s, principalArn)) {
                continue;
            }
            if (s.effect() == Effect.Deny) {
                if (s.conditions().isEmpty()) {
                    return Verdict.DENIED;
                }
            } else if (s.conditions().isEmpty()) {
                allowed = true;
            } else {
                limited = true;
            }
        }
        return allowed ? Verdict.ALLOWED : limited ? Verdict.LIMITED : Verdict.NOT_ALLOWED;
    }

    /**
     * Whether identity policies grant {@code action} on every resource in {@code resources}, given as ARN
     * patterns ({@code arn:aws:bedrock:*::foundation-model/*}): a policy's Resource must cover each pattern
     * entirely for {@link Verdict#ALLOWED}.
     */
    public static Verdict grants(Collection<PolicyDocument> policies, String action, List<String> resources) {
        boolean limited = false;
        for (String resource : resources) {
            boolean covered = false;
            for (PolicyDocument doc : policies) {
                for (PolicyStatement s : doc.statements()) {
                    if (!s.negated().isEmpty() || !anyActionMatches(s.actions(), action)) {
                        continue;
                    }
                    boolean matches = s.resources().stream()
                            .anyMatch(r -> wildcard(r, false).matcher(resource).matches());
                    if (s.effect() == Effect.Deny) {
                        if (matches && s.conditions().isEmpty()) {
                            return Verdict.DENIED;
                        }
                    } else if (matches && s.conditions().isEmpty()) {
                        covered = true;
                    } else {
                        limited = true;
                    }
                }
            }
            if (!covered) {
                return limited ? Verdict.LIMITED : Verdict.NOT_ALLOWED;
            }
        }
        return Verdict.ALLOWED;
    }

    /** IAM action matching: case-insensitive, {@code *} any run of characters, {@code ?} one character. */
    public static boolean actionMatches(String pattern, String action) {
        return wildcard(pattern, true).matcher(action).matches();
    }

    private static boolean anyActionMatches(List<String> patterns, String action) {
        return patterns.stream().anyMatch(p -> actionMatches(p, action));
    }

    /**
     * A principal matches {@code "*"}, its own ARN, or its account ({@code arn:aws:iam::ACCOUNT:root} or the
     * bare account id, which delegate to the account's own IAM policies).
     */
    static boolean principalMatches(PolicyStatement s, String principalArn) {
        if (s.principals().containsKey("*")) {
            return true;
        }
        String account = accountOf(principalArn);
        for (String p : s.principals().getOrDefault("AWS", List.of())) {
            if (p.equals("*")
                    || p.equals(principalArn)
                    || p.equals(account)
                    || (p.endsWith(":root") && account.equals(accountOf(p)))) {
                return true;
            }
        }
        return false;
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 ? parts[4] : "";
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }
}
