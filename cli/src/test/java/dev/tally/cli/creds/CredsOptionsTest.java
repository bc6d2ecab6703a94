package dev.tally.cli.creds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The cached path's parser and picocli read the same command lines the same way. */
class CredsOptionsTest {
    private static CredsArguments picocli(List<String> args) {
        CommandLine cli = new CommandLine(new CredsCommand());
        return CredsCommand.arguments(cli.parseArgs(args.toArray(String[]::new)));
    }

    @Test
    void bothParsers_agreeOnEveryOption() {
        List<List<String>> lines = List.of(
                List.of(),
                List.of(
                        "--role-arn",
                        "arn:aws:iam::123456789012:role/x",
                        "--project",
                        "p q",
                        "--user=u",
                        "--tag",
                        "a=b",
                        "--tag",
                        "c=d=e"),
                List.of(
                        "--source-profile",
                        "sso",
                        "--region",
                        "eu-west-1",
                        "--duration",
                        "900",
                        "--session-prefix",
                        "ci",
                        "--min-remaining",
                        "60"),
                List.of("--no-cache", "--clear-cache", "--project", "first", "--project", "last"));
        for (List<String> line : lines) {
            assertThat(picocli(line)).as(String.join(" ", line)).isEqualTo(CredsArguments.parse(line));
        }
    }

    @Test
    void help_listsEveryOptionWithItsVariables() {
        String help = new CommandLine(new CredsCommand()).getUsageMessage();
        Arrays.stream(CredsOption.values()).forEach(o -> {
            assertThat(help).contains(o.optionName());
            o.environment().forEach(v -> assertThat(help).contains(v));
        });
    }
}
