package dev.tally.emulator;

import java.nio.file.Path;

/** A process that lives like {@code tally emulator}: prints the endpoint, serves until signalled. */
public final class ShutdownMain {
    private ShutdownMain() {}

    public static void main(String[] args) throws Exception {
        Emulator emulator = Emulator.start(EmulatorConfig.builder()
                .curOut(Path.of(args[0]))
                .apiKey(new ApiKey("shutdown-key", "arn:aws:iam::123456789012:user/shutdown"))
                .build());
        System.out.println(emulator.endpoint());
        System.out.flush();
        emulator.awaitShutdown();
    }
}
