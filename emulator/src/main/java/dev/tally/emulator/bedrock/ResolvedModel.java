package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

/**
 * A model id from a request path, resolved: its canonical (billing) name, the body format it speaks, the
 * region its usage is billed in and the ARN that becomes the CUR resource id.
 *
 * @param baseId the foundation-model id, without ARN or geo prefix ({@code anthropic.claude-sonnet-4-6})
 */
public record ResolvedModel(
        String requestedId, String baseId, String canonical, ModelFormat format, String region, String resourceArn) {
    public ResolvedModel {
        requireNonNull(requestedId, "requestedId is null");
        requireNonNull(baseId, "baseId is null");
        requireNonNull(canonical, "canonical is null");
        requireNonNull(format, "format is null");
        requireNonNull(region, "region is null");
        requireNonNull(resourceArn, "resourceArn is null");
    }
}
