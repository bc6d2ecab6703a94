package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HCL parser for tests: HashiCorp's own HCL library compiled to WebAssembly, as published on npm
 * ({@code @cdktf/hcl2json}), run with node. It is installed under target/ on first use; the tests that need
 * it are skipped, with the reason, only when npm cannot reach its registry.
 */
public final class HclToJson {
    static final String PACKAGE = "@cdktf/hcl2json@0.21.0";
    private static final Path HOME = Path.of("target", "hcl2json").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            const { parse } = require('@cdktf/hcl2json');
            const fs = require('fs');
            parse('main.tf', fs.readFileSync(0, 'utf8'))
              .then(r => process.stdout.write(JSON.stringify(r)))
              .catch(e => { process.stderr.write(String(e.message || e)); process.exit(1); });
            """;

    private HclToJson() {}

    /** Parses HCL into hcl2json's JSON: blocks as objects, repeated blocks as lists, expressions as "${...}". */
    public static JsonNode parse(String hcl) throws IOException, InterruptedException {
        install();
        Path input = Files.createTempFile(HOME, "in", ".tf");
        Files.writeString(input, hcl);
        Result r = run(List.of("node", HOME.resolve("parse.js").toString()), input);
        Files.deleteIfExists(input);
        assertThat(r.exit()).as("HCL parser refused the file: " + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(HOME.resolve("node_modules/@cdktf/hcl2json"))) {
            return;
        }
        Files.createDirectories(HOME);
        Files.writeString(HOME.resolve("parse.js"), SCRIPT);
        Result r = run(
                List.of("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund", "--no-save", PACKAGE),
                null);
        if (r.exit() != 0) {
            boolean offline =
                    r.err().matches("(?s).*(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network).*");
            assumeThat(offline)
                    .as("npm cannot reach its registry to install " + PACKAGE + ": " + r.err())
                    .isFalse();
            throw new IOException("npm install " + PACKAGE + " failed: " + r.err());
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> command, Path stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("hcl", ".out");
        Path err = Files.createTempFile("hcl", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(HOME.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
