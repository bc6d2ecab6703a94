package dev.tally.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.creds.project.ProjectDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredsRequestTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/dev";

    @TempDir
    Path dir;

    private ProcessEnvironment env(Map<String, String> vars, Path cwd) {
        return new ProcessEnvironment(vars, cwd, dir.resolve("home"));
    }

    private CredsRequest resolve(List<String> args, Map<String, String> vars) {
        return CredsRequest.resolve(CredsArguments.parse(args), env(vars, dir));
    }

    @Test
    void resolve_optionsWinOverTallyVariablesWhichWinOverCcVariables() {
        Map<String, String> vars = Map.of(
                "TALLY_PROJECT",
                "from-tally",
                "CC_PROJECT",
                "from-cc",
                "CC_USER",
                "cc-user",
                "CC_ROLE_ARN",
                ROLE,
                "CC_SESSION_DURATION",
                "1800",
                "TALLY_DURATION",
                "2700");
        CredsRequest fromEnv = resolve(List.of(), vars);
        assertThat(fromEnv.identity().project()).isEqualTo("from-tally");
        assertThat(fromEnv.identity().user()).isEqualTo("cc-user");
        assertThat(fromEnv.roleArn()).isEqualTo(ROLE);
        assertThat(fromEnv.durationSeconds()).isEqualTo(2700);
        CredsRequest fromOptions = resolve(List.of("--project=opt", "--duration", "900"), vars);
        assertThat(fromOptions.identity().project()).isEqualTo("opt");
        assertThat(fromOptions.durationSeconds()).isEqualTo(900);
    }

    @Test
    void resolve_withoutRole_saysHowToSetIt() {
        assertThatThrownBy(() -> resolve(List.of(), Map.of()))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("--role-arn")
                .hasMessageContaining("TALLY_ROLE_ARN");
    }

    @Test
    void resolve_badValues_areUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> resolve(List.of("--role-arn", "arn:aws:iam::1:user/x"), Map.of()))
                .hasMessageContaining("--role-arn");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE, "--duration", "60"), Map.of()))
                .hasMessageContaining("900 to 43200");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE, "--tag", "novalue"), Map.of()))
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE, "--tag", "aws:x=1"), Map.of())
                        .tags())
                .hasMessageContaining("aws:");
        assertThatThrownBy(() -> CredsArguments.parse(List.of("--bogus"))).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> CredsArguments.parse(List.of("--role-arn"))).hasMessageContaining("needs a value");
    }

    @Test
    void resolve_regionHasTheShapeOfAnAwsRegion() {
        assertThat(resolve(List.of("--role-arn", ROLE, "--region", "us-gov-west-1"), Map.of())
                        .region())
                .isEqualTo("us-gov-west-1");
        assertThat(resolve(List.of("--role-arn", ROLE, "--region", "ap-southeast-4"), Map.of())
                        .region())
                .isEqualTo("ap-southeast-4");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE, "--region", "us-east"), Map.of()))
                .hasMessageContaining("not a region name");
    }

    @Test
    void resolve_badValuesFromTheEnvironment_nameTheVariable() {
        assertThatThrownBy(() -> resolve(List.of(), Map.of("CC_ROLE_ARN", "arn:aws:iam::1:user/x")))
                .hasMessage(
                        "creds: CC_ROLE_ARN 'arn:aws:iam::1:user/x' is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE), Map.of("AWS_REGION", "Europe")))
                .hasMessage("creds: AWS_REGION 'Europe' is not a region name (expected e.g. us-east-1)");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE), Map.of("TALLY_DURATION", "forever")))
                .hasMessage("creds: TALLY_DURATION 'forever' is not a number of seconds from 900 to 43200");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE), Map.of("TALLY_TAGS", "team=ds,oops")))
                .hasMessage("creds: TALLY_TAGS 'oops' is not KEY=VALUE");
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE), Map.of("CC_TAGS", "aws:team=ds"))
                        .tags())
                .hasMessageStartingWith("creds: CC_TAGS: ");
        // An option given on the command line is named as the option, even with the variable set too.
        assertThatThrownBy(() ->
                        resolve(List.of("--role-arn", ROLE, "--region", "Europe"), Map.of("AWS_REGION", "us-east-1")))
                .hasMessageStartingWith("creds: --region 'Europe' is not a region name");
    }

    @Test
    void resolve_tagsComeFromRepeatedOptionsOrACommaSeparatedVariable() {
        CredsRequest env = resolve(List.of("--role-arn", ROLE), Map.of("TALLY_TAGS", "team=data,cost-center=42"));
        assertThat(env.identity().extraTags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "data", "cost-center", "42"));
        CredsRequest opts = resolve(
                List.of("--role-arn", ROLE, "--tag", "team=web", "--tag", "env=a=b"),
                Map.of("TALLY_TAGS", "team=data"));
        assertThat(opts.identity().extraTags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "web", "env", "a=b"));
    }

    @Test
    void resolve_projectIsTheGitWorkTreeFolderName() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("my repo/src/main"));
        Files.createDirectories(dir.resolve("my repo/.git"));
        assertThat(CredsRequest.resolve(CredsArguments.parse(List.of("--role-arn", ROLE)), env(Map.of(), repo))
                        .identity()
                        .project())
                .isEqualTo("my repo");
        // A linked worktree has a .git file
        Path worktree = Files.createDirectories(dir.resolve("wt-feature/docs"));
        Files.writeString(dir.resolve("wt-feature/.git"), "gitdir: /elsewhere\n");
        assertThat(CredsRequest.resolve(CredsArguments.parse(List.of("--role-arn", ROLE)), env(Map.of(), worktree))
                        .identity()
                        .project())
                .isEqualTo("wt-feature");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(CredsRequest.resolve(CredsArguments.parse(List.of("--role-arn", ROLE)), env(Map.of(), plain))
                        .identity()
                        .project())
                .isEqualTo("plain");
    }

    @Test
    void resolve_userIsTheOptionElseUserElseUnknown() {
        assertThat(resolve(List.of("--role-arn", ROLE), Map.of("USER", "alice"))
                        .identity()
                        .user())
                .isEqualTo("alice");
        assertThat(resolve(List.of("--role-arn", ROLE), Map.of()).identity().user())
                .isEqualTo("unknown");
    }

    @Test
    void resolve_endpointIsTheStsVariableThenTheGlobalOne() {
        Map<String, String> vars = new HashMap<>(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
        assertThat(resolve(List.of("--role-arn", ROLE), vars).endpoint())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1));
        vars.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:2");
        assertThat(resolve(List.of("--role-arn", ROLE), vars).endpoint())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(2));
        assertThatThrownBy(() -> resolve(List.of("--role-arn", ROLE), Map.of("AWS_ENDPOINT_URL", "not a url")))
                .hasMessageContaining("AWS_ENDPOINT_URL");
    }

    @Test
    void resolve_sourceIsNeverAwsProfile() {
        CredsRequest r = resolve(List.of("--role-arn", ROLE), Map.of("AWS_PROFILE", "cc-tracked"));
        assertThat(r.source().profile()).isEqualTo("default");
        assertThat(resolve(List.of("--role-arn", ROLE), Map.of("CC_SOURCE_PROFILE", "sso-dev"))
                        .source()
                        .profile())
                .isEqualTo("sso-dev");
    }

    @Test
    void resolve_cacheLivesUnderXdgCacheHomeElseHomeCache() {
        assertThat(resolve(List.of("--role-arn", ROLE), Map.of("XDG_CACHE_HOME", "/x/cache"))
                        .cacheDirectory())
                .isEqualTo(Path.of("/x/cache/tally/creds"));
        assertThat(resolve(List.of("--role-arn", ROLE), Map.of("XDG_CACHE_HOME", "relative"))
                        .cacheDirectory())
                .isEqualTo(dir.resolve("home/.cache/tally/creds"));
    }

    @Test
    void user_withoutUSER_isTheSystemUserName_beforeUnknown() throws Exception {
        Map<String, String> vars = Map.of("TALLY_ROLE_ARN", ROLE);
        CredsArguments args = CredsArguments.parse(List.of());
        assertThat(CredsRequest.resolve(args, new ProcessEnvironment(vars, dir, dir, "alice"))
                        .identity()
                        .user())
                .isEqualTo("alice");
        assertThat(CredsRequest.resolve(args, new ProcessEnvironment(vars, dir, dir, ""))
                        .identity()
                        .user())
                .isEqualTo("unknown");
        assertThat(CredsRequest.resolve(
                                args,
                                new ProcessEnvironment(
                                        Map.of("TALLY_ROLE_ARN", ROLE, "USER", "bob"), dir, dir, "alice"))
                        .identity()
                        .user())
                .isEqualTo("bob");
    }

    @Test
    void project_outsideGit_saysWhichFolderBecameTheProject() throws Exception {
        Path plain = java.nio.file.Files.createDirectories(dir.resolve("scratch"));
        assertThat(ProjectDetector.fallbackNote(false, plain))
                .hasValue("not in a git repository: the Project tag is this folder's name, 'scratch'"
                        + " (set it with --project NAME or TALLY_PROJECT)");
        assertThat(ProjectDetector.fallbackNote(true, plain)).isEmpty();
        Path repo =
                java.nio.file.Files.createDirectories(dir.resolve("repo/.git")).getParent();
        assertThat(ProjectDetector.fallbackNote(false, java.nio.file.Files.createDirectories(repo.resolve("src"))))
                .isEmpty();
    }
}
