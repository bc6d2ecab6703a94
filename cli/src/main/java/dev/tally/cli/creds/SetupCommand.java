package dev.tally.cli.creds;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tally setup}: one-time wiring on a developer's machine. */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = "One-time setup on a developer's machine.",
        subcommands = {SetupProfileCommand.class})
public final class SetupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
