package dev.tally.spark;

import java.util.LinkedHashMap;
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
            // The settings of --engine spark's local mode, so the differential tests run on them; four shuffle
            // partitions on two threads, so a shuffle crosses tasks.
            Map<String, String> conf = new LinkedHashMap<>(SparkChild.localSettings(2));
            conf.put("spark.sql.shuffle.partitions", "4");
            session = SparkFirstStep.session("local[2]", conf);
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }
}
