package dev.tally.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The region the user configured (AWS_REGION, the profile, instance metadata), or us-east-1 when none is: for
 * clients of global services (IAM, Cost Explorer, Budgets) and of S3 with cross-region access, which need a region
 * to start from but not a particular one. Without this, such a client fails to build with the SDK's multi-line
 * account of every place it looked.
 */
public final class ConfiguredRegion {
    private ConfiguredRegion() {}

    public static Region orUsEast1() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
