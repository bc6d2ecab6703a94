package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input to the iam and budget commands: one line on stderr naming it, exit 2, before any AWS call. */
class AccountUsageErrorsTest {
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        new String[] {"iam", "policy", "--principal", "arn:aws:iam::12:user/alice"},
                        "tally: principal 'arn:aws:iam::12:user/alice' is not an IAM principal ARN"),
                Arguments.of(
                        new String[] {"iam", "policy", "--principal", "arn:aws:sts::123456789012:assumed-role/Dev/alice"
                        },
                        "tally: principal 'arn:aws:sts::123456789012:assumed-role/Dev/alice' is an assumed-role session"),
                Arguments.of(
                        new String[] {"iam", "policy", "--principal", ALICE, "--enforce-tag", "aws:Project"},
                        "tally: tag key 'aws:Project': Tag keys may not start with 'aws:'"),
                Arguments.of(
                        new String[] {"iam", "policy", "--principal", ALICE, "--format", "yaml"},
                        "tally: --format 'yaml' is not one of: json, terraform, cloudformation, cloudformation-yaml"),
                Arguments.of(
                        new String[] {"iam", "apply", "--role-name", "bad/name", "--principal", ALICE},
                        "tally: role name 'bad/name' is not a valid IAM role name"),
                Arguments.of(
                        new String[] {"iam", "apply", "--role-name", "r", "--principal", ALICE, "--max-session", "100"},
                        "tally: max session 100 s is outside IAM's range 3600 to 43200 seconds"),
                Arguments.of(
                        new String[] {"iam", "apply", "--role-name", "r", "--principal", ALICE, "--tag", "Team"},
                        "tally: tag 'Team' has no '='"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "lots",
                            "--period",
                            "monthly",
                            "--tag",
                            "P=x"
                        },
                        "tally: limit 'lots' is not an amount in USD"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "5",
                            "--period",
                            "weekly",
                            "--tag",
                            "P=x"
                        },
                        "tally: --period 'weekly' is not one of: monthly, quarterly, annually"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "5",
                            "--period",
                            "monthly",
                            "--tag",
                            "Project"
                        },
                        "tally: tag 'Project' has no '='"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "5",
                            "--period",
                            "monthly",
                            "--tag",
                            "P=x",
                            "--email",
                            "finance"
                        },
                        "tally: e-mail address 'finance' is not an address"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "5",
                            "--period",
                            "monthly",
                            "--tag",
                            "P=x",
                            "--email",
                            "a@b.co",
                            "--threshold",
                            "80,2000"
                        },
                        "tally: threshold 2000% is out of range"),
                Arguments.of(
                        new String[] {
                            "budget",
                            "aws",
                            "create",
                            "--name",
                            "b",
                            "--limit",
                            "5",
                            "--period",
                            "monthly",
                            "--tag",
                            "P=x",
                            "--threshold",
                            "80"
                        },
                        "tally: thresholds need at least one e-mail address"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void badInput_isOneUsageLine(String[] args, String expected) {
        TallyRun r = TallyRun.inProcess(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(expected).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }
}
