package dev.tally.creds.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Property
    void split_ofJoin_givesTheWordsBack(@ForAll List<@net.jqwik.api.constraints.NotEmpty String> words) {
        assertThat(ShellWords.split(ShellWords.join(words))).isEqualTo(words);
    }

    @Test
    void split_readsWhatAShellReads() {
        assertThat(ShellWords.split(
                        "  /opt/tally/bin/tally creds --role-arn 'arn:aws:iam::1:role/a b' \"x\\\"y\" c\\ d"))
                .containsExactly(
                        "/opt/tally/bin/tally", "creds", "--role-arn", "arn:aws:iam::1:role/a b", "x\"y", "c d");
    }

    @Test
    void split_unterminatedQuote_isAUsageError() {
        assertThatThrownBy(() -> ShellWords.split("tally 'creds"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("unterminated single quote");
    }
}
