package dev.tally.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for every test in the JVM: starting Spark takes seconds on a 2-core machine, more than
 * the small reports the tests run on it. Two threads: enough to exercise shuffles across tasks.
 */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkFirstStep.session(
                    "local[2]", Map.of("spark.sql.shuffle.partitions", "4", "spark.driver.host", "127.0.0.1"));
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }
}
