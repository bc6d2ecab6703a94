import dev.tally.report.read.ParquetDictionary;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * ParquetDictionary.mapKeys on one file, six times in this fresh JVM: prints each call's thread CPU / wall
 * milliseconds (the first is the cold one a report pays). Thread CPU holds up better than wall on a loaded machine.
 * Run by bench/report/keys.sh.
 */
public class MapKeysBench {
    public static void main(String[] args) {
        var threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            var keys = ParquetDictionary.mapKeys(Path.of(args[0]), List.of("resource_tags", "tags"));
            out.append(String.format(
                    "%.0f/%.0f ", (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6));
            if (keys.size() != 2) {
                throw new AssertionError("keys not read from dictionaries: " + keys);
            }
        }
        System.out.println(out.toString().trim());
    }
}
