package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the model ids clients put in paths (foundation-model ids, inference-profile ids such as
 * {@code us.anthropic.claude-sonnet-4-6}, and ARNs of either) against the price catalog, which is the one
 * list of models Tally knows. Results are cached: resolution sits on every inference call.
 */
public final class ModelResolver {
    static final Pattern GEO_PREFIX = Pattern.compile("^(us|eu|apac|ap|global|jp|au|ca|us-gov)\\.");
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\\d{12})?:(foundation-model|inference-profile)/(.+)");

    private final PriceCatalog catalog;
    private final String region;
    private final String accountId;
    private final Map<String, Optional<ResolvedModel>> cache = new ConcurrentHashMap<>();

    public ModelResolver(PriceCatalog catalog, String region, String accountId) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    public Optional<ResolvedModel> resolve(String modelId) {
        Optional<ResolvedModel> hit = cache.get(modelId);
        if (hit == null) {
            hit = compute(modelId);
            if (cache.size() < 10_000) {
                cache.put(modelId, hit);
            }
        }
        return hit;
    }

    /** The model, or Bedrock's 404 for an id it does not know. */
    public ResolvedModel require(String modelId) {
        return resolve(modelId).orElseThrow(() -> BedrockError.notFound("The provided model identifier is invalid."));
    }

    private Optional<ResolvedModel> compute(String modelId) {
        String id = modelId;
        String billedRegion = region;
        String resourceArn = null;
        Matcher arn = ARN.matcher(modelId);
        if (modelId.startsWith("arn:")) {
            if (!arn.matches()) {
                return Optional.empty();
            }
            if (!arn.group(1).isEmpty()) {
                billedRegion = arn.group(1);
            }
            id = arn.group(4);
            resourceArn = modelId;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        boolean profile = GEO_PREFIX.matcher(lower).find();
        String base = GEO_PREFIX.matcher(lower).replaceFirst("");
        ModelFormat format;
        if (base.startsWith("anthropic.")) {
            format = ModelFormat.ANTHROPIC;
        } else if (base.startsWith("amazon.nova")) {
            format = ModelFormat.NOVA;
        } else {
            return Optional.empty();
        }
        Optional<String> canonical = catalog.canonicalModel(id);
        if (canonical.isEmpty()) {
            return Optional.empty();
        }
        if (resourceArn == null) {
            resourceArn = profile
                    ? "arn:aws:bedrock:" + billedRegion + ":" + accountId + ":inference-profile/" + id
                    : "arn:aws:bedrock:" + billedRegion + "::foundation-model/" + id;
        }
        return Optional.of(new ResolvedModel(modelId, base, canonical.get(), format, billedRegion, resourceArn));
    }
}
