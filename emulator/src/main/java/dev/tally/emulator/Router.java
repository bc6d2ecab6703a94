package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.bedrock.BedrockError;
import dev.tally.emulator.bedrock.BedrockRuntime;
import dev.tally.emulator.bedrock.ControlPlane;
import dev.tally.emulator.costexplorer.CostExplorerService;
import dev.tally.emulator.dataexports.DataExportsService;
import dev.tally.emulator.http.AwsJsonError;
import dev.tally.emulator.http.Endpoint;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.sso.SsoPortal;
import dev.tally.emulator.sts.StsService;
import java.util.Optional;

/**
 * Sends each request to its service by path, the way one endpoint URL can stand for STS, Bedrock runtime
 * and Bedrock control plane at once: {@code /} is STS's Query API, {@code /model/...} the runtime,
 * {@code /inference-profiles} and {@code /foundation-models} the control plane, {@code /_emulator/...}
 * the emulator's own unauthenticated endpoints, {@code /federation/credentials} IAM Identity Center's portal
 * (what an SSO profile calls). {@code POST /} is shared by STS (Query API, a form body)
 * and the JSON 1.1 services, which name their operation in {@code X-Amz-Target}: Cost Explorer
 * ({@code AWSInsightsIndexService.*}) and Data Exports ({@code AWSBillingAndCostManagementDataExports.*}).
 */
final class Router implements Endpoint {
    private final StsService sts;
    private final BedrockRuntime runtime;
    private final ControlPlane controlPlane;
    private final CostExplorerService costExplorer;
    private final DataExportsService dataExports;
    private final SsoPortal ssoPortal;
    private final Inspection inspection;

    Router(
            StsService sts,
            BedrockRuntime runtime,
            ControlPlane controlPlane,
            CostExplorerService costExplorer,
            DataExportsService dataExports,
            SsoPortal ssoPortal,
            Inspection inspection) {
        this.sts = requireNonNull(sts, "sts is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.controlPlane = requireNonNull(controlPlane, "controlPlane is null");
        this.costExplorer = requireNonNull(costExplorer, "costExplorer is null");
        this.dataExports = requireNonNull(dataExports, "dataExports is null");
        this.ssoPortal = requireNonNull(ssoPortal, "ssoPortal is null");
        this.inspection = requireNonNull(inspection, "inspection is null");
    }

    @Override
    public void handle(Exchange exchange) {
        String path = exchange.call().rawPath();
        if (path.startsWith("/model/")) {
            runtime.handle(exchange);
        } else if (path.isEmpty() || path.equals("/")) {
            Optional<String> target = exchange.call().header("X-Amz-Target");
            if (target.isEmpty()) {
                exchange.reply(sts.handle(exchange.call(), exchange.requestId()));
            } else if (target.get().startsWith(CostExplorerService.TARGET_PREFIX + ".")) {
                costExplorer.handle(exchange);
            } else if (target.get().startsWith(DataExportsService.TARGET_PREFIX + ".")) {
                dataExports.handle(exchange);
            } else {
                exchange.reply(new AwsJsonError(400, "UnknownOperationException", "Unknown operation " + target.get())
                        .reply());
            }
        } else if (path.equals("/foundation-models")
                || path.equals("/inference-profiles")
                || path.startsWith("/inference-profiles/")) {
            controlPlane.handle(exchange);
        } else if (path.equals(SsoPortal.PATH)) {
            ssoPortal.handle(exchange);
        } else if (path.startsWith("/_emulator/")) {
            inspection.handle(exchange);
        } else {
            exchange.reply(new BedrockError(
                            404,
                            "UnknownOperationException",
                            "Unknown operation " + exchange.call().method() + " " + path)
                    .reply());
        }
    }
}
