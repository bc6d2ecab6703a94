package dev.tally.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * hadoop-aws settings for reading {@code s3://} and {@code s3a://} on Spark: both schemes through S3A, credentials
 * from the AWS SDK's default chain (environment, profile, container and instance roles), and a custom endpoint from
 * {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (moto, MinIO, a VPC endpoint) with path-style addresses.
 * Applied only where the session's own configuration (spark-submit's {@code --conf spark.hadoop.*}) sets nothing.
 */
public final class S3aSettings {
    /** The class whose absence means hadoop-aws is not on Spark's classpath. */
    static final String FILE_SYSTEM = "org.apache.hadoop.fs.s3a.S3AFileSystem";

    private S3aSettings() {}

    /** The Hadoop settings for an environment (the process environment, which only the two mains read). */
    public static Map<String, String> of(Map<String, String> env) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.s3.impl", FILE_SYSTEM);
        conf.put(
                "fs.s3a.aws.credentials.provider",
                "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        String endpoint = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (endpoint != null) {
            conf.put("fs.s3a.endpoint", endpoint);
            conf.put("fs.s3a.path.style.access", "true");
            conf.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https:")));
            // A custom endpoint has no region to probe for; S3A's signer needs one all the same.
            conf.put("fs.s3a.endpoint.region", region == null ? "us-east-1" : region);
        } else if (region != null) {
            conf.put("fs.s3a.endpoint.region", region);
        }
        return conf;
    }

    /**
     * Sets each of the settings that nobody set: a value from Hadoop's own defaults ({@code core-default.xml} names
     * S3A's short list of credential providers, without profiles) is replaced; one from the cluster's
     * {@code core-site.xml} or spark-submit's {@code --conf spark.hadoop.*} is kept (EMR's EMRFS for {@code s3://}).
     */
    public static void apply(Configuration hadoop, Map<String, String> env) {
        of(env).forEach((key, value) -> {
            String[] sources = hadoop.getPropertySources(key);
            boolean chosen = hadoop.get(key) != null
                    && sources != null
                    && Arrays.stream(sources).anyMatch(s -> !s.endsWith("-default.xml"));
            if (!chosen) {
                hadoop.set(key, value);
            }
        });
    }

    /** True when hadoop-aws is on this JVM's classpath. */
    static boolean available() {
        try {
            Class.forName(FILE_SYSTEM, false, S3aSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static @Nullable String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
