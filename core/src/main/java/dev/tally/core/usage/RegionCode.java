package dev.tally.core.usage;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AWS's billing region codes, the prefix of a usage type ({@code USE1} is us-east-1). The mapping is AWS's
 * own; {@code EU} (eu-west-1) is the one code without a number.
 */
public final class RegionCode {
    private static final Map<String, String> REGION_BY_CODE = new TreeMap<>(Map.ofEntries(
            Map.entry("USE1", "us-east-1"),
            Map.entry("USE2", "us-east-2"),
            Map.entry("USW1", "us-west-1"),
            Map.entry("USW2", "us-west-2"),
            Map.entry("UGW1", "us-gov-west-1"),
            Map.entry("UGE1", "us-gov-east-1"),
            Map.entry("CAN1", "ca-central-1"),
            Map.entry("CAN2", "ca-west-1"),
            Map.entry("SAE1", "sa-east-1"),
            Map.entry("MXC1", "mx-central-1"),
            Map.entry("EU", "eu-west-1"),
            Map.entry("EUW2", "eu-west-2"),
            Map.entry("EUW3", "eu-west-3"),
            Map.entry("EUC1", "eu-central-1"),
            Map.entry("EUC2", "eu-central-2"),
            Map.entry("EUN1", "eu-north-1"),
            Map.entry("EUS1", "eu-south-1"),
            Map.entry("EUS2", "eu-south-2"),
            Map.entry("APN1", "ap-northeast-1"),
            Map.entry("APN2", "ap-northeast-2"),
            Map.entry("APN3", "ap-northeast-3"),
            Map.entry("APS1", "ap-southeast-1"),
            Map.entry("APS2", "ap-southeast-2"),
            Map.entry("APS3", "ap-south-1"),
            Map.entry("APS4", "ap-southeast-3"),
            Map.entry("APS5", "ap-south-2"),
            Map.entry("APS6", "ap-southeast-4"),
            Map.entry("APS7", "ap-southeast-5"),
            Map.entry("APE1", "ap-east-1"),
            Map.entry("MES1", "me-south-1"),
            Map.entry("MEC1", "me-central-1"),
            Map.entry("ILC1", "il-central-1"),
            Map.entry("AFS1", "af-south-1"),
            Map.entry("CNN1", "cn-north-1"),
            Map.entry("CNW1", "cn-northwest-1")));

    private RegionCode() {}

    /** The region for a billing code ({@code USE1} to {@code us-east-1}). */
    public static Optional<String> region(String code) {
        return Optional.ofNullable(REGION_BY_CODE.get(code));
    }

    /** The billing code for a region ({@code us-west-2} to {@code USW2}). */
    public static Optional<String> code(String region) {
        return REGION_BY_CODE.entrySet().stream()
                .filter(e -> e.getValue().equals(region))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
