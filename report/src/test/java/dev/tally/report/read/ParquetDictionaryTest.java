package dev.tally.report.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keys read from dictionary pages are exactly what DuckDB itself finds in the maps, or absent. Files are written
 * by DuckDB; the expected keys come from an independent query, {@code SELECT DISTINCT unnest(map_keys(...))}.
 */
class ParquetDictionaryTest {
    private static final List<String> BOTH = List.of("tags", "resource_tags");

    /**
     * Ten row groups of 2048 rows. The first holds only empty and NULL maps, the third one key in a single row; the
     * others mix spellings that differ by case, spaces, unicode and quotes with empty and NULL maps; a key or two
     * turn up in one row group only.
     */
    private static final String SPELLINGS = """
            SELECT i,
              CASE WHEN i < 2048 THEN (CASE WHEN i % 2 = 0 THEN MAP {} ELSE NULL END)
                   WHEN i BETWEEN 4096 AND 6143 THEN (CASE WHEN i = 5000 THEN MAP {'in one row only': 'x'} ELSE MAP {} END)
                   WHEN i % 7 = 0 THEN NULL
                   WHEN i % 7 = 1 THEN MAP {}
                   WHEN i = 20479 THEN MAP {'only in the last row group': 'x'}
                   ELSE map_from_entries([{'k': k, 'v': 'v' || i} for k in list_distinct([
                       ['iamPrincipal/Project', 'iamPrincipal/project', ' project', 'PROJECT ', 'project',
                        'Kostenstelle/Größe', '部署', 'team 🚀', 'it''s', 'say "hi"', 'tab' || chr(9) || 'key',
                        repeat('long', 80)][1 + i % 12],
                       ['iamPrincipal/team', 'user:Team', ' team ', 'ÉQUIPE'][1 + (i // 3) % 4]])])
              END AS tags,
              CASE WHEN i % 5 = 0 THEN NULL
                   WHEN i BETWEEN 8192 AND 10239 THEN MAP {'user_middle': 'x', 'user_team': 'y'}
                   ELSE MAP {['user_project', 'user_Project', 'user_team'][1 + i % 3]: 'p'}
              END AS resource_tags
            FROM range(20480) t(i)""";

    @TempDir
    Path dir;

    /** One connection for every test: opening DuckDB costs more than most of the queries. */
    private static Connection duck;

    @BeforeAll
    static void openDuckDb() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duck.close();
    }

    /** The codecs DuckDB writes, as it names them and as the footer names them (independently, parquet_metadata). */
    @ParameterizedTest
    @CsvSource({
        "COMPRESSION snappy, SNAPPY",
        "COMPRESSION gzip, GZIP",
        "COMPRESSION uncompressed, UNCOMPRESSED",
        "COMPRESSION zstd, ZSTD",
        "COMPRESSION lz4, LZ4_RAW",
        "'COMPRESSION snappy, PARQUET_VERSION v2', SNAPPY",
        "'COMPRESSION zstd, PARQUET_VERSION v2', ZSTD",
        "'COMPRESSION lz4, PARQUET_VERSION v2', LZ4_RAW"
    })
    void mapKeys_readableCodec_isExactlyTheDistinctKeysOfEveryRowGroup(String options, String codec) throws Exception {
        Path file = write("spellings.parquet", SPELLINGS, options + ", ROW_GROUP_SIZE 2048");
        assertThat(codecs(file, "tags")).as("the codec DuckDB wrote").containsExactly(codec);
        List<KeyChunkRow> chunks = keyChunks(file, "tags");
        assertThat(chunks).as("row groups").hasSizeGreaterThan(5);
        assertThat(chunks.getFirst().onlyNulls())
                .as("first row group holds no keys")
                .isTrue();
        assertThat(chunks.getFirst().dictionaryPageOffset())
                .as("DuckDB writes no dictionary for it")
                .isNull();

        Map<String, Set<String>> keys = ParquetDictionary.mapKeys(file, BOTH);

        assertThat(keys).containsOnlyKeys(BOTH);
        assertThat(keys.get("tags"))
                .isEqualTo(distinctKeys(file, "tags"))
                .contains(
                        " project",
                        "PROJECT ",
                        "say \"hi\"",
                        "it's",
                        "team 🚀",
                        "in one row only",
                        "only in the last row group");
        assertThat(keys.get("resource_tags"))
                .isEqualTo(distinctKeys(file, "resource_tags"))
                .contains("user_middle");
    }

    @Test
    void mapKeys_codecNotReadHere_isAbsent() throws Exception {
        Path file = write("codec.parquet", SPELLINGS, "COMPRESSION brotli, ROW_GROUP_SIZE 2048");
        assertThat(codecs(file, "tags")).containsExactly("BROTLI");

        assertThat(ParquetDictionary.mapKeys(file, BOTH)).isEmpty();
    }

    @Test
    void mapKeys_chunkThatFellBackToPlainPages_isAbsent() throws Exception {
        Path file = write("fallback.parquet", """
                SELECT i,
                  CASE WHEN i < 2048 THEN MAP {['a', 'b'][1 + i % 2]: 'x'} ELSE MAP {'k' || i: 'x'} END AS tags,
                  MAP {'user_team': 'x'} AS resource_tags
                FROM range(4096) t(i)""", "ROW_GROUP_SIZE 2048, DICTIONARY_SIZE_LIMIT 1000");
        List<KeyChunkRow> chunks = keyChunks(file, "tags");
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).plainDataPages())
                .as("first row group: dictionary only")
                .isZero();
        assertThat(chunks.get(1).plainDataPages())
                .as("second row group: plain pages")
                .isPositive();
        assertThat(chunks.get(1).onlyNulls()).isFalse();

        Map<String, Set<String>> keys = ParquetDictionary.mapKeys(file, BOTH);

        assertThat(keys).containsOnlyKeys("resource_tags");
        assertThat(keys.get("resource_tags")).containsExactly("user_team");
    }

    /** DuckDB writes a chunk all plain or all dictionary; parquet-mr falls back mid-chunk, after its dictionary page. */
    @Test
    void dictionaryEncodedThroughout_pagesAfterAFallbackToPlain_isFalse() {
        var dictionary = KeyChunk.PageEncoding.of(PageType.DICTIONARY_PAGE, Encoding.PLAIN, 1);
        var indexed = KeyChunk.PageEncoding.of(PageType.DATA_PAGE, Encoding.PLAIN_DICTIONARY, 3);
        var indexedV2 = KeyChunk.PageEncoding.of(PageType.DATA_PAGE_V2, Encoding.RLE_DICTIONARY, 2);
        var plain = KeyChunk.PageEncoding.of(PageType.DATA_PAGE, Encoding.PLAIN, 2);
        var unknownPageType = new KeyChunk.PageEncoding(Optional.empty(), Optional.of(Encoding.PLAIN), 1);

        assertThat(chunkWith(Optional.of(List.of(dictionary, indexed, indexedV2)))
                        .dictionaryEncodedThroughout())
                .isTrue();
        assertThat(chunkWith(Optional.of(List.of(dictionary, indexed, plain))).dictionaryEncodedThroughout())
                .isFalse();
        assertThat(chunkWith(Optional.of(List.of(dictionary))).dictionaryEncodedThroughout())
                .as("no data pages")
                .isFalse();
        assertThat(chunkWith(Optional.empty()).dictionaryEncodedThroughout())
                .as("no encoding stats")
                .isFalse();
        assertThat(chunkWith(Optional.of(List.of(dictionary, indexed, unknownPageType)))
                        .dictionaryEncodedThroughout())
                .as("a page type this library does not know")
                .isFalse();
    }

    private static KeyChunk chunkWith(Optional<List<KeyChunk.PageEncoding>> encodingStats) {
        return new KeyChunk(
                false,
                Optional.of(Type.BYTE_ARRAY),
                Optional.of(CompressionCodec.SNAPPY),
                100,
                1000,
                100,
                4,
                OptionalLong.of(0),
                encodingStats,
                Optional.empty());
    }

    @Test
    void mapKeys_columnThatIsNotAMapOfStrings_isAbsent() throws Exception {
        Path file = write("shapes.parquet", """
                SELECT MAP {'a': 'x'} AS tags,
                  {'x': {'key': 'a'}} AS nested,
                  [{'key': 'a', 'value': 'x'}] AS pairs,
                  MAP {1: 'x'} AS numbered,
                  'a' AS plain
                FROM range(10)""", "ROW_GROUP_SIZE 2048");

        Map<String, Set<String>> keys = ParquetDictionary.mapKeys(
                file, List.of("tags", "nested", "pairs", "numbered", "plain", "missing", "TAGS"));

        assertThat(keys).containsOnlyKeys("tags");
        assertThat(keys.get("tags")).containsExactly("a");
    }

    @Test
    void mapKeys_fileWithoutRows_knowsThereAreNoKeys() throws Exception {
        Path file = write(
                "empty.parquet", "SELECT MAP {'a': 'x'} AS tags FROM range(10) WHERE false", "ROW_GROUP_SIZE 2048");

        assertThat(ParquetDictionary.mapKeys(file, List.of("tags"))).isEqualTo(Map.of("tags", Set.of()));
    }

    @Test
    void mapKeys_notParquet_isEmptyWithoutException() throws Exception {
        Path text = dir.resolve("readme.parquet");
        Files.writeString(text, "PAR1 this is not really parquet PAR1");

        assertThat(ParquetDictionary.mapKeys(text, BOTH)).isEmpty();
        assertThat(ParquetDictionary.mapKeys(dir.resolve("nope.parquet"), BOTH)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "gzip", "uncompressed", "zstd", "lz4"})
    void mapKeys_truncatedFile_isEmptyWithoutException(String codec) throws Exception {
        Path file = write("whole.parquet", SPELLINGS, "COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");
        byte[] bytes = Files.readAllBytes(file);
        for (int cut :
                new int[] {0, 3, 7, 12, bytes.length / 3, bytes.length / 2, bytes.length - 9, bytes.length - 1}) {
            Path truncated = dir.resolve("cut-" + cut + ".parquet");
            Files.write(truncated, Arrays.copyOf(bytes, cut));

            assertThat(ParquetDictionary.mapKeys(truncated, BOTH))
                    .as("cut at %d", cut)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "gzip", "uncompressed", "zstd", "lz4"})
    void mapKeys_garbageOverADictionaryPage_isAbsentOrWhatDuckDbReads(String codec) throws Exception {
        Path original = write("original.parquet", SPELLINGS, "COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");
        KeyChunkRow victim = keyChunks(original, "tags").get(3);
        long pageStart = victim.dictionaryPageOffset();
        int pageLength = (int) (victim.dataPageOffset() - pageStart);
        for (int seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            // Half the seeds spare the header's first bytes, so the body gets garbled behind a plausible header.
            int from = seed % 2 == 0 ? 0 : Math.min(pageLength - 1, 6 + random.nextInt(4));
            byte[] garbage = new byte[1 + random.nextInt(pageLength - from)];
            random.nextBytes(garbage);
            Path corrupt = dir.resolve("corrupt-" + seed + ".parquet");
            Files.copy(original, corrupt);
            try (FileChannel channel = FileChannel.open(corrupt, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(garbage), pageStart + from);
            }

            Map<String, Set<String>> keys = ParquetDictionary.mapKeys(corrupt, BOTH);

            assertThat(keys.get("resource_tags"))
                    .as("seed %d: an untouched column", seed)
                    .isEqualTo(distinctKeys(original, "resource_tags"));
            if (keys.containsKey("tags")) {
                assertThat(keys.get("tags")).as("seed %d", seed).isEqualTo(distinctKeys(corrupt, "tags"));
            }
        }
    }

    /**
     * A renamed key keeps an uncompressed page well-formed, so only the chunk's statistics can tell: a key below the
     * exact minimum is caught; one renamed within bounds is what DuckDB reads too, so still the file's keys.
     */
    @Test
    void mapKeys_dictionaryRenamedInPlace_isAbsentOutsideTheStatisticsElseWhatDuckDbReads() throws Exception {
        Path original = write(
                "fruit.parquet",
                "SELECT MAP {['apple', 'mango', 'zebra'][1 + i % 3]: 'x'} AS tags FROM range(3000) t(i)",
                "COMPRESSION uncompressed");

        Path belowMinimum = renameInDictionary(original, "apple", "aaaaa");
        assertThat(ParquetDictionary.mapKeys(belowMinimum, List.of("tags"))).isEmpty();

        Path withinBounds = renameInDictionary(original, "mango", "mangp");
        assertThat(ParquetDictionary.mapKeys(withinBounds, List.of("tags")).get("tags"))
                .isEqualTo(distinctKeys(withinBounds, "tags"))
                .containsExactlyInAnyOrder("apple", "mangp", "zebra");
    }

    /**
     * Known exactly when, and only when, every chunk holding keys has a dictionary and only dictionary-encoded data
     * pages. DuckDB skips the dictionary on its own for a small chunk of many distinct keys (a short last row group),
     * so row counts here are random, not whole row groups.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void mapKeys_randomSpellings_areDuckDbsKeysWheneverEveryChunkHasADictionary(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> pool = randomSpellings(random, 3 + random.nextInt(40));
        int rows = 2048 + random.nextInt(8 * 2048);
        StringJoiner values = new StringJoiner(",\n");
        for (int row = 0; row < rows; row++) {
            values.add("(" + row + ", " + randomMap(random, pool) + ")");
        }
        List<String> readable = List.of("snappy", "gzip", "uncompressed", "zstd", "lz4");
        String codec = readable.get(random.nextInt(readable.size()));
        Path file = write(
                "random-" + seed + ".parquet",
                "SELECT * FROM (VALUES " + values + ") t(i, tags)",
                "COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");
        boolean dictionaryEverywhere = keyChunks(file, "tags").stream()
                .allMatch(c -> c.onlyNulls() || c.dictionaryPageOffset() != null && c.plainDataPages() == 0);
        String premise =
                "seed %d, %s, %d rows, dictionary everywhere: %s".formatted(seed, codec, rows, dictionaryEverywhere);

        Map<String, Set<String>> keys = ParquetDictionary.mapKeys(file, List.of("tags"));

        assertThat(keys.containsKey("tags")).as(premise).isEqualTo(dictionaryEverywhere);
        if (dictionaryEverywhere) {
            assertThat(keys.get("tags")).as(premise).isEqualTo(distinctKeys(file, "tags"));
        }
    }

    private static List<String> randomSpellings(Random random, int count) {
        List<String> stems = List.of(
                "project",
                "team",
                "cost-center",
                "user",
                "Größe",
                "部署",
                "équipe",
                "🚀launch",
                "it's",
                "say \"hi\"",
                "a/b:c=d");
        List<String> prefixes = List.of("", "", "iamPrincipal/", "user:", "aws:");
        Set<String> spellings = new HashSet<>();
        while (spellings.size() < count) {
            StringBuilder key = new StringBuilder(prefixes.get(random.nextInt(prefixes.size())));
            for (char c : stems.get(random.nextInt(stems.size())).toCharArray()) {
                key.append(random.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
            }
            String padded = " ".repeat(random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0)
                    + key
                    + " ".repeat(random.nextInt(4) == 0 ? 1 : 0);
            spellings.add(padded);
        }
        return new ArrayList<>(spellings);
    }

    /** A row's map: often empty or NULL, otherwise up to three distinct keys drawn from a skewed pool. */
    private static String randomMap(Random random, List<String> pool) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return "NULL::MAP(VARCHAR, VARCHAR)";
        }
        if (kind == 1) {
            return "MAP {}::MAP(VARCHAR, VARCHAR)";
        }
        Set<String> chosen = new HashSet<>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            // Squaring skews towards the pool's start, so some spellings are rare and miss whole row groups.
            double u = random.nextDouble();
            chosen.add(pool.get((int) (u * u * pool.size())));
        }
        StringJoiner entries = new StringJoiner(", ", "MAP {", "}");
        for (String key : chosen) {
            entries.add("'" + Sql.string(key) + "': 'v'");
        }
        return entries.toString();
    }

    private Path renameInDictionary(Path original, String from, String to) throws Exception {
        KeyChunkRow chunk = keyChunks(original, "tags").getFirst();
        byte[] bytes = Files.readAllBytes(original);
        int start = Math.toIntExact(chunk.dictionaryPageOffset());
        String page = new String(bytes, start, (int) (chunk.dataPageOffset() - start), StandardCharsets.ISO_8859_1);
        int at = page.indexOf(from);
        assertThat(at).as("%s in the dictionary page", from).isNotNegative();
        System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, bytes, start + at, to.length());
        Path renamed = dir.resolve(to + ".parquet");
        Files.write(renamed, bytes);
        return renamed;
    }

    private Path write(String name, String select, String options) throws SQLException {
        Path file = dir.resolve(name);
        try (Statement s = duck.createStatement()) {
            s.execute(
                    "COPY (" + select + ") TO '" + Sql.string(file.toString()) + "' (FORMAT parquet, " + options + ")");
        }
        return file;
    }

    private static Set<String> distinctKeys(Path file, String column) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT unnest(map_keys(" + Sql.identifier(column)
                        + ")) FROM read_parquet('" + Sql.string(file.toString()) + "')")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** The distinct codecs of a map column's key chunks, as DuckDB's parquet_metadata names them. */
    private static List<String> codecs(Path file, String column) throws SQLException {
        List<String> codecs = new ArrayList<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT DISTINCT compression FROM parquet_metadata('%s')
                        WHERE path_in_schema = '%s, key_value, key'""".formatted(Sql.string(file.toString()), Sql.string(column)))) {
            while (rs.next()) {
                codecs.add(rs.getString(1));
            }
        }
        return codecs;
    }

    /** What DuckDB's parquet_metadata says of a map column's key chunks, to check each test's premise. */
    private record KeyChunkRow(
            long numValues, Long nullCount, Long dictionaryPageOffset, long dataPageOffset, int plainDataPages) {
        boolean onlyNulls() {
            return nullCount != null && nullCount == numValues;
        }
    }

    private static List<KeyChunkRow> keyChunks(Path file, String column) throws SQLException {
        List<KeyChunkRow> chunks = new ArrayList<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT num_values, stats_null_count, dictionary_page_offset, data_page_offset,
                          len([p FOR p IN encoding_stats IF p.page_type IN ('DATA_PAGE', 'DATA_PAGE_V2')
                               AND p.encoding NOT IN ('PLAIN_DICTIONARY', 'RLE_DICTIONARY')])
                        FROM parquet_metadata('%s')
                        WHERE path_in_schema = '%s, key_value, key'
                        ORDER BY row_group_id""".formatted(Sql.string(file.toString()), Sql.string(column)))) {
            while (rs.next()) {
                chunks.add(new KeyChunkRow(
                        rs.getLong(1),
                        rs.getObject(2, Long.class),
                        rs.getObject(3, Long.class),
                        rs.getLong(4),
                        rs.getInt(5)));
            }
        }
        return chunks;
    }
}
