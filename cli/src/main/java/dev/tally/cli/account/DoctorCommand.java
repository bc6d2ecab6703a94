package dev.tally.cli.account;

import dev.tally.account.doctor.Doctor;
import dev.tally.account.doctor.Finding;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.launch.LaunchPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally doctor}: one line per check of the account and the laptop, exit 0 only when all pass. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the setup Bedrock cost attribution needs, one line per check, each failure with its exact fix: "
                    + "the source credentials resolve; the role exists; its trust policy allows sts:AssumeRole and "
                    + "sts:TagSession (read, then proven with one tagged AssumeRole); its permissions cover Bedrock invoke; "
                    + "Project and User are active cost allocation tags; a CUR 2.0 export includes IAM principal data; "
                    + "the local AWS profile runs tally creds.",
            "AWS calls use the source credentials tally creds would use (the profile's --source-profile, else 'default')."
        },
        footer = {"", "Exit status: 0 when every check passes, 1 otherwise.", "See docs/account.md."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--profile",
            paramLabel = "P",
            defaultValue = LaunchPlan.DEFAULT_PROFILE,
            description =
                    "The local AWS profile whose credential_process should be tally creds (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description = "Role to check (default: the profile's tally creds --role-arn, else TALLY_ROLE_ARN).")
    @Nullable
    String roleArn;

    @Override
    public Integer call() {
        List<Finding> findings =
                new Doctor(ProcessEnvironment.current()).examine(profile, Optional.ofNullable(roleArn));
        PrintWriter out = spec.commandLine().getOut();
        findings.forEach(f -> out.println(f.line()));
        long failed = findings.stream().filter(f -> !f.passed()).count();
        out.println(
                failed == 0
                        ? "All " + findings.size() + " checks pass."
                        : failed + " of " + findings.size() + " checks did not pass.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
