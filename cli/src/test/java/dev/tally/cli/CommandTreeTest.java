package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What holds for every command in the tree, present and future. */
class CommandTreeTest {
    @Test
    void everyCommand_versionAndHelp_printAndExitZero() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tally.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(15);
        for (List<String> path : paths) {
            assertThat(run(path, "--version")).as(String.join(" ", path)).startsWith("tally ");
            assertThat(run(path, "--help")).as(String.join(" ", path)).startsWith("Usage: tally");
        }
    }

    @Test
    void everyCommand_badCommandLine_isOneLineWithExitTwo() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tally.commandLine(), new ArrayList<>(), paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--no-such-option");
            StringWriter err = new StringWriter();
            int exit =
                    Tally.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
            assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
            // picocli names a missing required option or parameter first, else the unknown one.
            assertThat(err.toString())
                    .as(String.join(" ", args))
                    .startsWith("tally: ")
                    .containsPattern("Unknown option: '--no-such-option'|Missing required")
                    .endsWith(" --help')\n")
                    .hasLineCount(1);
        }
    }

    @Test
    void everyHelpExample_pastesIntoBashAndZsh() throws Exception {
        List<List<String>> paths = new ArrayList<>();
        collect(Tally.commandLine(), new ArrayList<>(), paths);
        int examples = 0;
        for (List<String> path : paths) {
            List<String> lines = run(path, "--help").lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("  (bin/)?tally [a-z].*")) {
                    // An example continued with a backslash is pasted whole, newlines and all.
                    StringBuilder example = new StringBuilder(lines.get(i));
                    while (lines.get(i).endsWith(" \\") && i + 1 < lines.size()) {
                        example.append('\n').append(lines.get(++i));
                    }
                    examples++;
                    for (String shell : Shells.available()) {
                        assertThat(Shells.arguments(shell, example.toString()))
                                .as(shell + ": " + example)
                                .isNotEmpty();
                    }
                }
            }
        }
        assertThat(examples).isGreaterThan(10);
        assertThat(Shells.arguments("bash", "tally report x --where 'tag:project=(untagged)'"))
                .contains("tag:project=(untagged)");
    }

    @Test
    void everyHelpText_isWholeSentences_andExamplesFitTheNarrowestHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tally.commandLine(), new ArrayList<>(), paths);
        List<String> broken = new ArrayList<>();
        for (List<String> path : paths) {
            CommandLine cli = Tally.commandLine();
            for (String name : path) {
                cli = cli.getSubcommands().get(name);
            }
            CommandLine.Model.UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
            // picocli lists a command by its first description line and wraps each line on its own: a line is a
            // paragraph, so it must end where a sentence ends.
            List<String> lines = new ArrayList<>(List.of(usage.description()));
            lines.addAll(List.of(usage.footer()));
            for (String line : lines) {
                boolean example = line.startsWith("  ");
                if (example ? line.length() > 78 : !line.isEmpty() && !line.matches("(?s).*[.:]")) {
                    broken.add(String.join(" ", path) + ": " + line);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void mistypedCommand_suggestsTheClosest() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "reprot", "x.csv");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("did you mean 'report'?").hasLineCount(1);
    }

    @Test
    void byOption_usageReadsAsAPersonWritesIt() {
        assertThat(run(List.of("report"), "--help"))
                .contains("[--by=DIM[,DIM...]]...")
                .doesNotContain("DIM...]...]");
        assertThat(run(List.of("ce"), "--help")).contains("[--by=DIM[,DIM...]]...");
    }

    @Test
    void helpWidth_followsTheTerminal() {
        List<CommandLine> all = new ArrayList<>();
        collectAll(Tally.commandLine(), all);
        assertThat(all)
                .allSatisfy(c -> assertThat(c.isUsageHelpAutoWidth())
                        .as(c.getCommandName())
                        .isTrue());
    }

    /**
     * NullAway does not check that picocli's fields are set (picocli sets them after construction; the root pom's
     * errorprone profile says so), so this does: an option or parameter that can be left unset (not required, no
     * default, no initial value, not a primitive) is {@code @Nullable}, so NullAway makes every use check it.
     */
    @Test
    void everyOptionThatCanBeUnset_isNullable() {
        List<CommandLine> all = new ArrayList<>();
        collectAll(Tally.commandLine(), all);
        List<String> unmarked = new ArrayList<>();
        for (CommandLine cli : all) {
            for (CommandLine.Model.ArgSpec arg : cli.getCommandSpec().args()) {
                boolean alwaysSet = arg.required()
                        || arg.defaultValue() != null
                        || arg.initialValue() != null
                        || arg.type().isPrimitive();
                // picocli's own help command is not ours to annotate.
                if (!alwaysSet
                        && arg.userObject() instanceof Field field
                        && field.getDeclaringClass().getName().startsWith("dev.tally.")
                        && !field.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    unmarked.add(field.getDeclaringClass().getName() + "." + field.getName());
                }
            }
        }
        assertThat(all).hasSizeGreaterThan(15);
        assertThat(unmarked).isEmpty();
    }

    private static void collectAll(CommandLine cli, List<CommandLine> out) {
        out.add(cli);
        cli.getSubcommands().values().forEach(sub -> collectAll(sub, out));
    }

    @Test
    void aCommandBuiltForItsOwnCommandLine_isTheCommandOfTheWholeTree() {
        CommandLine whole = Tally.commandLine();
        for (Class<?> command : Tally.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            CommandLine alone = Tally.commandLine(name, "--help");
            assertThat(alone.getSubcommands()).containsOnlyKeys(name);
            assertThat(describe(alone.getSubcommands().get(name)))
                    .as(name)
                    .isEqualTo(describe(whole.getSubcommands().get(name)));
        }
    }

    /** Every option and subcommand of a command, recursively, by name. */
    private static List<String> describe(CommandLine cli) {
        List<String> names = new ArrayList<>();
        cli.getCommandSpec().options().forEach(o -> names.add(cli.getCommandName() + " " + o.longestName()));
        cli.getSubcommands().values().forEach(sub -> names.addAll(describe(sub)));
        return names;
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        if (!cli.getCommandName().equals("help")) {
            out.add(List.copyOf(path));
        }
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, out);
            }
        });
    }

    private static String run(List<String> path, String flag) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        StringWriter out = new StringWriter();
        int exit = Tally.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(exit).as(String.join(" ", args)).isZero();
        return out.toString();
    }
}
