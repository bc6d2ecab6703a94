package dev.tally.cli.gateway;

import dev.tally.cli.Tally;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tally gateway}, and the commands that talk to it, as their own processes the way users run them: the test
 * class path, bin/tally's JIT choice (the gateway keeps C2, short commands C1 only), and an environment with none
 * of the machine's AWS_, TALLY_ or PG variables, but AWS's documented example key pair (the emulator accepts any).
 * Callers add what their case needs (an admin token, PGPASSWORD) to the builder's environment.
 */
public final class GatewayProcess {
    private GatewayProcess() {}

    /** {@code tally gateway --port 0 --upstream URL --role-arn ROLE --ledger LEDGER MORE...}. */
    public static ProcessBuilder gateway(URI upstream, String role, String ledger, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "gateway", "--port", "0", "--upstream", upstream.toString(), "--role-arn", role, "--ledger", ledger));
        args.addAll(List.of(more));
        return tally(args);
    }

    /** Any tally command, in the same environment. */
    public static ProcessBuilder tally(List<String> args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC"));
        if (!args.isEmpty() && !args.getFirst().equals("gateway")) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Tally.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TALLY_") || k.startsWith("PG"));
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        pb.environment().put("AWS_REGION", "us-east-1");
        return pb;
    }

    /** The gateway's address: the one line it prints on stdout once it listens. Blocks until then. */
    public static URI endpoint(Process gateway) throws IOException {
        return URI.create(
                new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8)).readLine());
    }
}
