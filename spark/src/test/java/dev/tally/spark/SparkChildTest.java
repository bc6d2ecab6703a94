package dev.tally.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkChildTest {
    /**
     * One scan split per task thread: no cap on a split, and no minimum count of our own, so Spark divides the input
     * by the master's parallelism (docs/spark.md says why).
     */
    @Test
    void localSettings_leaveTheSplitCountToTheMastersThreads() {
        assertThat(SparkChild.localSettings(3))
                .containsEntry("spark.sql.files.maxPartitionBytes", String.valueOf(Long.MAX_VALUE))
                .doesNotContainKey("spark.sql.files.minPartitionNum")
                .containsEntry("spark.sql.shuffle.partitions", "3");
    }
}
