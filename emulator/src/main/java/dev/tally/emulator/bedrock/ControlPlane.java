package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.price.ModelPrice;
import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.HttpCall;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read-only part of Bedrock's control plane that clients probe before inference (Claude Code lists
 * system-defined inference profiles first): {@code GET /foundation-models}, {@code /inference-profiles}
 * and {@code /inference-profiles/{id}}, all derived from the price catalog's models.
 */
public final class ControlPlane {
    private static final String CREATED = "2025-01-01T00:00:00Z";

    private final BedrockAuth auth;
    private final PriceCatalog catalog;
    private final String region;
    private final String accountId;
    private final CallLog log;

    public ControlPlane(BedrockAuth auth, PriceCatalog catalog, String region, String accountId, CallLog log) {
        this.auth = requireNonNull(auth, "auth is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.log = requireNonNull(log, "log is null");
    }

    public void handle(Exchange exchange) {
        HttpCall call = exchange.call();
        String path = call.rawPath();
        String api = path.equals("/foundation-models")
                ? "bedrock:ListFoundationModels"
                : path.equals("/inference-profiles") ? "bedrock:ListInferenceProfiles" : "bedrock:GetInferenceProfile";
        log.count(api);
        try {
            if (!call.method().equals("GET")) {
                throw new BedrockError(
                        404, "UnknownOperationException", "Unknown operation " + call.method() + " " + path);
            }
            auth.authenticate(call);
            if (path.equals("/foundation-models")) {
                ObjectNode root = Json.object();
                ArrayNode list = root.putArray("modelSummaries");
                foundationModels().forEach(list::add);
                exchange.reply(Reply.json(200, Json.bytes(root), Map.of()));
            } else if (path.equals("/inference-profiles")) {
                ObjectNode root = Json.object();
                ArrayNode list = root.putArray("inferenceProfileSummaries");
                if (call.queryParameter("type").map("SYSTEM_DEFINED"::equals).orElse(true)) {
                    profiles().forEach(list::add);
                }
                exchange.reply(Reply.json(200, Json.bytes(root), Map.of()));
            } else {
                String id = HttpCall.decode(path.substring("/inference-profiles/".length()));
                String bare = id.startsWith("arn:") ? id.substring(id.lastIndexOf('/') + 1) : id;
                ObjectNode found = profiles().stream()
                        .filter(p -> p.path("inferenceProfileId").asText().equals(bare))
                        .findFirst()
                        .orElseThrow(() -> BedrockError.notFound("Inference profile " + id + " not found."));
                exchange.reply(Reply.json(200, Json.bytes(found), Map.of()));
            }
        } catch (BedrockError e) {
            exchange.reply(e.reply());
        }
    }

    private List<ObjectNode> foundationModels() {
        List<ObjectNode> out = new ArrayList<>();
        for (ModelPrice price : catalog.models()) {
            for (String id : price.ids()) {
                ObjectNode m = Json.object();
                m.put("modelArn", "arn:aws:bedrock:" + region + "::foundation-model/" + id);
                m.put("modelId", id);
                m.put("modelName", price.model());
                m.put("providerName", id.startsWith("anthropic.") ? "Anthropic" : "Amazon");
                m.putArray("inputModalities").add("TEXT");
                m.putArray("outputModalities").add("TEXT");
                m.put("responseStreamingSupported", true);
                m.putArray("customizationsSupported");
                m.putArray("inferenceTypesSupported").add("ON_DEMAND").add("INFERENCE_PROFILE");
                m.putObject("modelLifecycle").put("status", "ACTIVE");
                out.add(m);
            }
        }
        return out;
    }

    /** One geographic profile per model for the emulator's region, plus a global one for Anthropic models. */
    private List<ObjectNode> profiles() {
        String geo = region.startsWith("us-")
                ? "us"
                : region.startsWith("eu-") ? "eu" : region.startsWith("ap-") ? "apac" : "us";
        List<ObjectNode> out = new ArrayList<>();
        for (ModelPrice price : catalog.models()) {
            for (String id : price.ids()) {
                List<String> prefixes = id.startsWith("anthropic.") ? List.of(geo, "global") : List.of(geo);
                for (String prefix : prefixes) {
                    String profileId = prefix + "." + id;
                    ObjectNode p = Json.object();
                    p.put("inferenceProfileName", prefix.toUpperCase(Locale.ROOT) + " " + price.model());
                    p.put(
                            "description",
                            "Routes requests to " + price.model() + " across "
                                    + (prefix.equals("global") ? "all commercial" : prefix.toUpperCase(Locale.ROOT))
                                    + " regions.");
                    p.put("createdAt", CREATED).put("updatedAt", CREATED);
                    p.put(
                            "inferenceProfileArn",
                            "arn:aws:bedrock:" + region + ":" + accountId + ":inference-profile/" + profileId);
                    p.putArray("models")
                            .addObject()
                            .put("modelArn", "arn:aws:bedrock:" + region + "::foundation-model/" + id);
                    p.put("inferenceProfileId", profileId);
                    p.put("status", "ACTIVE");
                    p.put("type", "SYSTEM_DEFINED");
                    out.add(p);
                }
            }
        }
        return out;
    }
}
