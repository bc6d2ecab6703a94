import java.nio.file.Path;
import java.util.List;
import dev.tally.report.read.ParquetDictionary;
/** Times ParquetDictionary.mapKeys in a fresh JVM: the first call (class loading, cold code) and the next three. */
public class MapKeysBench {
  public static void main(String[] a) throws Exception {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      long s = System.nanoTime();
      var keys = ParquetDictionary.mapKeys(Path.of(a[0]), List.of("resource_tags", "tags"));
      out.append(String.format("%.1f ", (System.nanoTime() - s) / 1e6));
      if (i == 0) out.insert(0, keys.keySet() + " " + keys.values().stream().mapToInt(java.util.Set::size).sum() + " keys; ms: ");
    }
    System.out.println(out);
  }
}
