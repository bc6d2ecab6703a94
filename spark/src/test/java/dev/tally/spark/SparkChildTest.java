package dev.tally.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkChildTest {
    @Test
    void localThreads_followTheMasterUrl() {
        assertThat(SparkChild.localThreads("local", 8)).isEqualTo(1);
        assertThat(SparkChild.localThreads("local[3]", 8)).isEqualTo(3);
        assertThat(SparkChild.localThreads("local[16,4]", 8))
                .as("with task retries")
                .isEqualTo(16);
        assertThat(SparkChild.localThreads("local[*]", 8)).isEqualTo(8);
        assertThat(SparkChild.localThreads("local[*,2]", 8)).isEqualTo(8);
        assertThat(SparkChild.localThreads("local[0]", 8)).isEqualTo(8);
        assertThat(SparkChild.localThreads("local-cluster[2,1,1024]", 8)).isEqualTo(8);
    }

    /** One scan split and one shuffle partition per task thread: docs/spark.md says why. */
    @Test
    void localSettings_splitTheScanOncePerTaskThread() {
        assertThat(SparkChild.localSettings(3))
                .containsEntry("spark.sql.files.minPartitionNum", "3")
                .containsEntry("spark.sql.shuffle.partitions", "3")
                .containsEntry("spark.sql.files.maxPartitionBytes", String.valueOf(Long.MAX_VALUE));
    }
}
