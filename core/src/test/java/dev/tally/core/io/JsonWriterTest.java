package dev.tally.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What JsonWriter writes, read back by Jackson: an independent parser decides whether it is JSON and what it says. */
class JsonWriterTest {
    private static final ObjectMapper JACKSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Property(tries = 300)
    void anyStringsAndNumbers_readBackAsWritten(
            @ForAll("texts") List<String> texts, @ForAll("amounts") List<BigDecimal> amounts, @ForAll boolean pretty)
            throws Exception {
        JsonWriter json = (pretty ? JsonWriter.pretty() : JsonWriter.compact()).beginObject();
        json.name("texts").beginArray();
        texts.forEach(json::value);
        json.endArray();
        json.name("amounts").beginArray();
        amounts.forEach(json::value);
        json.endArray();
        json.name("members").beginObject();
        for (int i = 0; i < texts.size(); i++) {
            json.name(texts.get(i) + "#" + i).value(i);
        }
        json.endObject().endObject();

        JsonNode read = JACKSON.readTree(json.toString());
        assertThat(read.get("texts")).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(read.get("texts").get(i).textValue()).isEqualTo(texts.get(i));
            assertThat(read.get("members").get(texts.get(i) + "#" + i).longValue())
                    .isEqualTo(i);
        }
        for (int i = 0; i < amounts.size(); i++) {
            assertThat(read.get("amounts").get(i).decimalValue()).isEqualByComparingTo(amounts.get(i));
        }
    }

    @Provide
    Arbitrary<List<String>> texts() {
        // Every character class that needs escaping: quotes, backslashes, controls, line separators, astral planes.
        Arbitrary<String> text = Arbitraries.strings()
                .withChars("\"\\/\n\r\t\b\f\u0000\u001f\u2028 aZé€")
                .ofMaxLength(12)
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add("\uD83D\uDE00"));
        return text.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<BigDecimal>> amounts() {
        Arbitrary<BigDecimal> amount = Arbitraries.bigDecimals()
                .ofScale(12)
                .between(new BigDecimal("-1e15"), new BigDecimal("1e15"))
                .edgeCases(c -> c.add(new BigDecimal("1E+3")));
        return amount.list().ofMaxSize(6);
    }

    @Test
    void pretty_indentsByTwoSpaces_andEmptyContainersStayOnOneLine() {
        String text = JsonWriter.pretty()
                .beginObject()
                .name("a")
                .value("x")
                .name("b")
                .beginArray()
                .endArray()
                .name("c")
                .beginObject()
                .endObject()
                .name("d")
                .beginArray()
                .value(1)
                .value(new BigDecimal("2.50"))
                .endArray()
                .endObject()
                .toString();
        assertThat(text).isEqualTo("""
                {
                  "a": "x",
                  "b": [],
                  "c": {},
                  "d": [
                    1,
                    2.50
                  ]
                }""");
    }

    @Test
    void numbersAreNeverInExponentForm() {
        assertThat(JsonWriter.compact()
                        .beginArray()
                        .value(new BigDecimal("1E+3"))
                        .value(new BigDecimal("1E-7"))
                        .endArray()
                        .toString())
                .isEqualTo("[1000,0.0000001]");
    }

    @Test
    void nullsAreJsonNull() throws Exception {
        String text = JsonWriter.compact()
                .beginObject()
                .name("s")
                .value((String) null)
                .name("n")
                .value((BigDecimal) null)
                .endObject()
                .toString();
        assertThat(JACKSON.readValue(text, new TypeReference<Map<String, Object>>() {}))
                .containsEntry("s", null)
                .containsEntry("n", null);
    }

    @Test
    void misuse_isAProgrammingError() {
        assertThatThrownBy(() -> JsonWriter.compact().beginObject().value("no name"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.compact().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.compact().beginObject().endArray())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.compact().beginObject().name("x").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.compact().beginObject().toString())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.compact().value("a").value("b")).isInstanceOf(IllegalStateException.class);
    }
}
