package dev.tally.report.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The distinct keys of a Parquet file's MAP columns, read from the key column's dictionary pages. Knowing them lets
 * the tag SQL subscript exactly the spellings present ({@code tags['iamPrincipal/Project']}) instead of scanning
 * every map's keys on every row; writers dictionary-encode such low-cardinality keys, and each chunk's dictionary
 * page holds exactly its distinct values, so a few hundred tiny reads answer for a file of millions of rows.
 *
 * <p>Exact or absent: a column whose keys cannot be known for certain (a chunk that fell back to PLAIN pages, a
 * codec not read here: LZO, Brotli or Hadoop-framed LZ4; bytes that do not add up) is left out of the answer, never
 * answered in part.
 */
public final class ParquetDictionary {
    private ParquetDictionary() {}

    /**
     * For each of {@code mapColumns} (named as DuckDB's DESCRIBE names them) that is a MAP column of {@code file}
     * with exactly known keys, the set of its distinct keys across all row groups.
     */
    public static Map<String, Set<String>> mapKeys(Path file, Collection<String> mapColumns) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetFooter footer = ParquetFooter.read(channel);
            Map<String, Set<String>> keys = new HashMap<>();
            for (String column : mapColumns) {
                Optional<List<KeyChunk>> chunks = footer.keyChunks(column);
                Optional<Set<String>> known =
                        chunks.isPresent() ? keys(channel, footer, chunks.get()) : Optional.empty();
                if (known.isPresent()) {
                    keys.put(column, known.get());
                }
            }
            return Map.copyOf(keys);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static Optional<Set<String>> keys(FileChannel channel, ParquetFooter footer, List<KeyChunk> chunks) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        Set<String> keys = new HashSet<>();
        try {
            for (KeyChunk chunk : chunks) {
                if (!chunk.byteArrays()) {
                    return Optional.empty();
                }
                if (chunk.onlyNulls()) {
                    // DuckDB writes such a chunk without a dictionary, as one PLAIN page of nulls.
                    continue;
                }
                if (chunk.elsewhere() || !chunk.codecReadable() || !chunk.dictionaryEncodedThroughout()) {
                    return Optional.empty();
                }
                List<byte[]> values = DictionaryPage.read(channel, chunk, footer.pagesEnd());
                if (chunk.bounds().isPresent() && !chunk.bounds().get().admit(values)) {
                    return Optional.empty();
                }
                for (byte[] value : values) {
                    keys.add(utf8.decode(ByteBuffer.wrap(value)).toString());
                }
            }
        } catch (IOException e) {
            // Corrupt bytes, or keys that are not UTF-8 (CharacterCodingException): not known exactly.
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(keys));
    }
}
