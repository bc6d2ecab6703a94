package dev.tally.cur.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeightedDeckTest {
    @Test
    void slots_fillTheDeckAndGiveEveryEntryOne() {
        int[] slots = WeightedDeck.slots(new double[] {1e-9, 0.5, 0.25, 0.25}, 1024);
        assertThat(Arrays.stream(slots).sum()).isEqualTo(1024);
        assertThat(slots[0]).isEqualTo(1);
        assertThat(slots[1]).isBetween(510, 512);
        assertThat(slots[2]).isEqualTo(slots[3]);
    }

    @Test
    void sizeFor_growsWithTheEntries() {
        assertThat(WeightedDeck.sizeFor(10)).isEqualTo(65_536);
        assertThat(WeightedDeck.sizeFor(100_000)).isEqualTo(524_288);
    }
}
