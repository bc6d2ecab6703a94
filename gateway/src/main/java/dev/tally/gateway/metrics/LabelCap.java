package dev.tally.gateway.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} distinct values of one label; later ones read as {@code other}. First come, first kept: a
 * scrape's series never change label once they exist, and Prometheus' series count stays bounded whatever
 * clients send.
 */
final class LabelCap {
    static final String OTHER = "other";

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    LabelCap(int max) {
        this.max = max;
    }

    String of(String value) {
        if (kept.contains(value)) {
            return value;
        }
        // Racing threads may admit one or two past max; the bound holds to within the thread count.
        if (kept.size() < max) {
            kept.add(value);
            return value;
        }
        return OTHER;
    }
}
