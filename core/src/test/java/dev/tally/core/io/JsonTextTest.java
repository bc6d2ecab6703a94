package dev.tally.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one hand-written JSON reader, checked against Jackson as the independent writer. */
class JsonTextTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 300)
    void flatObject_readsWhatJacksonWrites(@ForAll Map<String, String> members, @ForAll long number) throws Exception {
        Map<String, Object> written = new LinkedHashMap<>(members);
        written.put("#number", number);
        Map<String, String> expected = new LinkedHashMap<>(members);
        expected.put("#number", Long.toString(number));
        assertThat(JsonText.flatObject(JACKSON.writeValueAsString(written))).hasValue(expected);
    }

    @Test
    void flatObject_readsWhatJsonWriterWrites_andRejectsWhatIsNotOneFlatObject() {
        String text = JsonWriter.compact()
                .beginObject()
                .name("a")
                .value("x\n\"y\"\\é\u0001")
                .name("n")
                .value(42)
                .endObject()
                .toString();
        assertThat(JsonText.flatObject(text))
                .hasValueSatisfying(m ->
                        assertThat(m).containsEntry("a", "x\n\"y\"\\é\u0001").containsEntry("n", "42"));
        assertThat(JsonText.flatObject(text + "x")).isEmpty();
        assertThat(JsonText.flatObject("[1]")).isEmpty();
        assertThat(JsonText.flatObject("{\"a\":{}}")).isEmpty();
    }
}
