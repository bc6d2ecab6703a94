package dev.tally.cur.sample;

import java.util.Arrays;

/**
 * Weights quantized into a fixed number of slots, so that SQL can draw by weight with one equality join on
 * {@code hash % size}. Every entry gets at least one slot; the rest go by largest remainder, so the counts are
 * a pure function of the weights.
 */
final class WeightedDeck {
    private WeightedDeck() {}

    /** The smallest power of two of at least 65,536 slots that gives every entry at least four. */
    static int sizeFor(int entries) {
        int size = 1 << 16;
        while (size < entries * 4L) {
            size <<= 1;
        }
        return size;
    }

    /** How many of {@code size} slots each weight gets. */
    static int[] slots(double[] weights, int size) {
        if (weights.length == 0 || weights.length > size) {
            throw new IllegalArgumentException("cannot deal " + weights.length + " weights into " + size + " slots");
        }
        double total = Arrays.stream(weights).sum();
        int spare = size - weights.length;
        int[] counts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int dealt = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / total * spare;
            counts[i] = 1 + (int) Math.floor(exact);
            remainders[i] = exact - Math.floor(exact);
            dealt += counts[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> remainders[a] != remainders[b]
                        ? Double.compare(remainders[b], remainders[a])
                        : Integer.compare(a, b));
        for (int k = 0; dealt < size; k = (k + 1) % order.length) {
            counts[order[k]]++;
            dealt++;
        }
        return counts;
    }
}
