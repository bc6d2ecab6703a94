package dev.tally.cli.creds;

import dev.tally.cli.Tally;
import dev.tally.creds.CredentialProcess;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsOption;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.cache.SessionCredentials;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entry point {@code bin/tally} uses for {@code tally creds}: a cache hit is printed here, without
 * picocli, the other commands or the AWS SDK, because a credential_process runs before every client
 * process. Anything else (a miss, {@code --help}, a mistake) goes to {@link Tally} with the same arguments,
 * which parses them again with picocli from the same {@link CredsOption} definitions and reports errors in
 * the one usual way.
 *
 * <p>With {@code -Dtally.creds.miss=exit} a miss ends this JVM at once with exit code {@value #MISS} and no
 * output: {@code bin/tally} then starts the JVM that serves misses, with the ahead-of-time cache trained
 * for them (one cache for both would make every hit load the SDK's classes).
 */
public final class CredsMain {
    /** Exit code of a miss under {@code -Dtally.creds.miss=exit}: nothing printed, nothing to report. */
    public static final int MISS = 100;

    static final String MISS_PROPERTY = "tally.creds.miss";

    private CredsMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("creds")) {
            if (serveFromCache(
                    Arrays.asList(args).subList(1, args.length),
                    ProcessEnvironment.current(),
                    Clock.systemUTC(),
                    System.out)) {
                // A plain return: System.exit would start the platform logger to record the exit, a cost here.
                return;
            }
            if ("exit".equals(System.getProperty(MISS_PROPERTY))) {
                Runtime.getRuntime().halt(MISS);
            }
        }
        Tally.main(args);
    }

    /** Prints the credential_process line and says true when the cache can serve these arguments; false for anything else. */
    static boolean serveFromCache(List<String> args, ProcessEnvironment env, Clock clock, OutputStream stdout) {
        Optional<String> line = fromCache(args, env, clock);
        if (line.isEmpty()) {
            return false;
        }
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        out.print(line.get() + "\n");
        out.flush();
        if (out.checkError()) {
            Runtime.getRuntime().halt(1);
        }
        return true;
    }

    /** The credential_process line when the cache can serve these arguments; empty for anything else. */
    static Optional<String> fromCache(List<String> args, ProcessEnvironment env, Clock clock) {
        try {
            CredsArguments parsed = CredsArguments.parse(args);
            if (CredsRequest.flag(parsed, env, CredsOption.CLEAR_CACHE)) {
                return Optional.empty();
            }
            return new CredentialProcess(env, clock)
                    .cached(CredsRequest.resolve(parsed, env))
                    .map(SessionCredentials::toProcessJson);
        } catch (RuntimeException e) {
            // picocli's path says what is wrong, in the usual one line
            return Optional.empty();
        }
    }
}
