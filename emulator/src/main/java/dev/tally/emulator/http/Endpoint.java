package dev.tally.emulator.http;

/** What answers every request that reaches the server. */
@FunctionalInterface
public interface Endpoint {
    void handle(Exchange exchange) throws Exception;
}
