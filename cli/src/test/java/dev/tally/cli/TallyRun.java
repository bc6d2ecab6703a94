package dev.tally.cli;

/**
 * How one run of {@code tally} ended, in this JVM or a process of its own ({@link SeparateProcess}): its exit code and
 * everything it printed.
 */
public record TallyRun(int exit, String out, String err) {}
