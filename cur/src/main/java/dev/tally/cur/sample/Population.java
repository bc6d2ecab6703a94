package dev.tally.cur.sample;

import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The people, projects, teams and workloads of the sample organization, and the principals they call Bedrock
 * as. Everyone is drawn from the seed; user 0 has every kind of identity so that each kind exists at any size.
 * About one principal in seven carries no principal tags, as in accounts where tagging is still being rolled out.
 */
final class Population {
    private static final String[] FIRST = {
        "maria", "wei", "aisha", "james", "priya", "lucas", "sofia", "kenji", "fatima", "noah", "elena", "omar", "hana",
        "david", "chloe", "ravi", "ines", "tom", "yuki", "amara", "leo", "nina", "sam", "zara", "ivan", "mei", "diego",
        "lena", "kofi", "anna", "jonas", "sara", "arjun", "olga", "ben", "lina", "marco", "ada"
    };
    private static final String[] LAST = {
        "garcia", "chen", "khan", "smith", "patel", "muller", "rossi", "tanaka", "haddad", "brown", "petrova", "nguyen",
        "kim", "silva", "dubois", "mehta", "novak", "berg", "sato", "okafor", "weber", "lopez", "ali", "jensen",
        "costa", "ivanova", "park", "moreau", "singh", "fischer", "walsh", "romero", "larsen", "ito"
    };
    private static final String[] TEAMS = {
        "platform",
        "data-science",
        "search",
        "mobile",
        "payments",
        "growth",
        "security",
        "infra",
        "support-ai",
        "research"
    };
    private static final String[] PROJECTS = {
        "checkout-api", "ranker", "support-bot", "docs-search", "mobile-app", "etl-pipelines", "fraud-model",
        "web-frontend", "infra-tools", "agent-sdk", "billing-svc", "recsys", "code-review-bot", "data-catalog",
        "ops-copilot", "translation-svc"
    };
    private static final String EMAIL_DOMAIN = "example.com";
    private static final String CLAUDE_CODE_ROLE = "BedrockClaudeCode";
    private static final String GATEWAY_ROLE = "TallyGatewayUser";

    private final SplittableRandom random;
    private final long monthStartEpoch;
    private final int monthSeconds;
    private final List<String> teams;
    private final List<String> projects;
    private final List<SamplePrincipal> principals = new ArrayList<>();

    private Population(SampleCurConfig config) {
        this.random = new SplittableRandom(config.seed() ^ 0x7A11_5EED_0000_0001L);
        this.monthStartEpoch = config.month().atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        this.monthSeconds = config.month().lengthOfMonth() * 86_400;
        this.teams = names(TEAMS, config.teams());
        this.projects = names(PROJECTS, config.projects());
    }

    /** The principals of a sample, in a fixed order for the seed; ids are their positions. */
    static List<SamplePrincipal> of(SampleCurConfig config) {
        Population population = new Population(config);
        population.build(config.users());
        return List.copyOf(population.principals);
    }

    private void build(int userCount) {
        List<String> users = userNames(userCount);
        int apiKeys = Math.max(1, userCount / 6);
        for (int i = 0; i < userCount; i++) {
            String user = users.get(i);
            String team = teams.get(i % teams.size());
            String home = projects.get(i < projects.size() ? i : random.nextInt(projects.size()));
            // A few heavy users and a long tail, as in any shared account.
            double intensity = 1 / Math.pow(1 + random.nextInt(userCount), 0.7);
            boolean everyKind = i == 0;
            if (everyKind || random.nextDouble() < 0.65) {
                claudeCodeSessions(user, team, home, intensity, everyKind);
            }
            if (everyKind || random.nextDouble() < 0.45) {
                add(
                        SamplePrincipal.Style.GATEWAY_SESSION,
                        assumedRole(SampleAccount.ALL.get(2), GATEWAY_ROLE, user),
                        SampleAccount.ALL.get(2),
                        tags("Project", home, "User", user, "team", team, "cost-center", costCenter(team)),
                        team,
                        home,
                        intensity * 2);
            }
            if (everyKind || random.nextDouble() < 0.15) {
                boolean untagged = !everyKind && random.nextDouble() < 0.35;
                add(
                        SamplePrincipal.Style.IAM_USER,
                        "arn:aws:iam::" + SampleAccount.ALL.get(1).id() + ":user/" + user,
                        SampleAccount.ALL.get(1),
                        untagged ? Map.of() : tags("User", user, "team", team, "cost-center", costCenter(team)),
                        team,
                        home,
                        intensity * 0.8);
            }
            if (everyKind || random.nextDouble() < 0.3) {
                boolean untagged = !everyKind && random.nextDouble() < 0.25;
                String email = user + "@" + EMAIL_DOMAIN;
                add(
                        SamplePrincipal.Style.FEDERATED,
                        assumedRole(SampleAccount.ALL.get(0), "AWSReservedSSO_BedrockUsers_4f2a9c1e7d3b5a60", email),
                        SampleAccount.ALL.get(0),
                        untagged ? Map.of() : tags("User", user, "team", team, "cost-center", costCenter(team)),
                        team,
                        home,
                        intensity);
            }
        }
        Set<String> keyNames = new HashSet<>();
        for (int k = 0; k < apiKeys; k++) {
            String name;
            do {
                name = "BedrockAPIKey-" + token(4);
            } while (!keyNames.add(name));
            String team = teams.get(random.nextInt(teams.size()));
            String project = projects.get(random.nextInt(projects.size()));
            // Keys are made in a hurry and tagged later, if ever: the first is tagged, half of the others are not.
            boolean untagged = k > 0 && random.nextBoolean();
            add(
                    SamplePrincipal.Style.API_KEY,
                    "arn:aws:iam::" + SampleAccount.ALL.get(1).id() + ":user/" + name,
                    SampleAccount.ALL.get(1),
                    untagged ? Map.of() : tags("Project", project, "team", team),
                    team,
                    project,
                    0.6);
        }
        int services = 2 + projects.size() / 4;
        for (int s = 0; s < services; s++) {
            String project = projects.get(s % projects.size());
            String team = teams.get(random.nextInt(teams.size()));
            String role = project + (s % 2 == 0 ? "-summarizer-lambda" : "-batch-runner");
            String session = s % 2 == 0 ? project + "-summarizer" : "i-0" + token(16);
            // The first workload predates tagging, and so does about every other one after it.
            boolean untagged = s == 0 || random.nextBoolean();
            add(
                    SamplePrincipal.Style.SERVICE_SESSION,
                    assumedRole(SampleAccount.ALL.get(2), role, session),
                    SampleAccount.ALL.get(2),
                    untagged ? Map.of() : tags("Project", project, "team", team, "cost-center", costCenter(team)),
                    team,
                    project,
                    1.5);
        }
    }

    private void claudeCodeSessions(String user, String team, String home, double intensity, boolean tagged) {
        int sessions = 1 + random.nextInt(3);
        boolean untagged = !tagged && random.nextDouble() < 0.10;
        for (int s = 0; s < sessions; s++) {
            String project = s == 0 ? home : projects.get(random.nextInt(projects.size()));
            long epoch = monthStartEpoch + random.nextInt(monthSeconds);
            String session = SessionName.sanitized("cc-" + project + "-" + epoch, "cc-session")
                    .value();
            add(
                    SamplePrincipal.Style.CLAUDE_CODE_SESSION,
                    assumedRole(SampleAccount.ALL.get(0), CLAUDE_CODE_ROLE, session),
                    SampleAccount.ALL.get(0),
                    untagged
                            ? Map.of()
                            : tags("Project", project, "User", user, "team", team, "cost-center", costCenter(team)),
                    team,
                    project,
                    intensity * 3 / sessions);
        }
    }

    private void add(
            SamplePrincipal.Style style,
            String arn,
            SampleAccount account,
            Map<String, String> tags,
            String team,
            String project,
            double weight) {
        principals.add(new SamplePrincipal(principals.size(), style, arn, account, tags, team, project, weight));
    }

    private static String assumedRole(SampleAccount account, String role, String session) {
        return "arn:aws:sts::" + account.id() + ":assumed-role/" + role + "/"
                + SessionName.of(session).value();
    }

    /** Tags in the order given, each checked against STS's rules, as a session would carry them. */
    private static Map<String, String> tags(String... keyValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            SessionTag tag = SessionTag.of(keyValues[i], keyValues[i + 1]);
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    private static String costCenter(String team) {
        return "CC-" + (4100 + Math.floorMod(team.hashCode(), 900));
    }

    private List<String> userNames(int count) {
        int firstOffset = random.nextInt(FIRST.length);
        int lastOffset = random.nextInt(LAST.length);
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String base = FIRST[(i + firstOffset) % FIRST.length] + "."
                    + LAST[(i / FIRST.length + i * 7 + lastOffset) % LAST.length];
            String name = base;
            for (int n = 2; !seen.add(name); n++) {
                name = base + n;
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> names(String[] base, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = base[i % base.length];
            names.add(i < base.length ? name : name + "-" + (i / base.length + 1));
        }
        return names;
    }

    private String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
