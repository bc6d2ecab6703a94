package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.bedrock.BedrockError;
import dev.tally.emulator.bedrock.BedrockRuntime;
import dev.tally.emulator.bedrock.ControlPlane;
import dev.tally.emulator.http.Endpoint;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.sts.StsService;

/**
 * Sends each request to its service by path, the way one endpoint URL can stand for STS, Bedrock runtime
 * and Bedrock control plane at once: {@code /} is STS's Query API, {@code /model/...} the runtime,
 * {@code /inference-profiles} and {@code /foundation-models} the control plane, {@code /_emulator/...}
 * the emulator's own unauthenticated endpoints.
 */
final class Router implements Endpoint {
    private final StsService sts;
    private final BedrockRuntime runtime;
    private final ControlPlane controlPlane;
    private final Inspection inspection;

    Router(StsService sts, BedrockRuntime runtime, ControlPlane controlPlane, Inspection inspection) {
        this.sts = requireNonNull(sts, "sts is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.controlPlane = requireNonNull(controlPlane, "controlPlane is null");
        this.inspection = requireNonNull(inspection, "inspection is null");
    }

    @Override
    public void handle(Exchange exchange) {
        String path = exchange.call().rawPath();
        if (path.startsWith("/model/")) {
            runtime.handle(exchange);
        } else if (path.isEmpty() || path.equals("/")) {
            exchange.reply(sts.handle(exchange.call(), exchange.requestId()));
        } else if (path.equals("/foundation-models") || path.equals("/inference-profiles") || path.startsWith("/inference-profiles/")) {
            controlPlane.handle(exchange);
        } else if (path.startsWith("/_emulator/")) {
            inspection.handle(exchange);
        } else {
            exchange.reply(new BedrockError(404, "UnknownOperationException", "Unknown operation " + exchange.call().method() + " " + path).reply());
        }
    }
}
