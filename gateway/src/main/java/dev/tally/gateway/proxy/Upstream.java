package dev.tally.gateway.proxy;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where calls go: one endpoint for STS, runtime and control plane ({@code --upstream}, what {@code tally emulator}
 * serves), else AWS's regional endpoints over TLS.
 */
public record Upstream(URI sts, URI runtime, URI controlPlane, String region, boolean emulated) {
    public Upstream {
        requireNonNull(sts, "sts is null");
        requireNonNull(runtime, "runtime is null");
        requireNonNull(controlPlane, "controlPlane is null");
        requireNonNull(region, "region is null");
    }

    public static Upstream of(URI single, String region) {
        return new Upstream(single, single, single, region, true);
    }

    public static Upstream aws(String region) {
        return new Upstream(
                URI.create("https://sts." + region + ".amazonaws.com"),
                URI.create("https://bedrock-runtime." + region + ".amazonaws.com"),
                URI.create("https://bedrock." + region + ".amazonaws.com"),
                region,
                false);
    }

    URI base(Operation operation) {
        return operation.runtime() ? runtime : controlPlane;
    }
}
