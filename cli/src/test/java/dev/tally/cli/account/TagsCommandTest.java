package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally tags} where nothing was billed yet: every key fails, reported one by one, in batches of 20. */
class TagsCommandTest {
    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static TallyProcess tally;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
        tally = new TallyProcess(emulator.endpoint(), dir);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void activate_25Keys_callsTwiceAndReportsEveryKeysError() throws Exception {
        List<String> args = new ArrayList<>(List.of("tags", "activate"));
        for (int i = 0; i < 25; i++) {
            args.add("Key" + i);
        }
        TallyRun r = tally.run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("tally: tag Key"))).hasSize(25);
        assertThat(r.err())
                .contains("tally: tag Key24: TagKeyNotFound: Tag key 'Key24' has not appeared on any billed usage");
        assertThat(emulator.calls().counts()).containsEntry("ce:UpdateCostAllocationTagsStatus", 2L);
    }

    @Test
    void status_withNothingBilled_explainsWhenKeysAppear() throws Exception {
        TallyRun r = tally.run("tags", "status");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("key  status  type  last_used  last_updated");
        assertThat(r.err()).contains("a key appears only after a call carrying it was billed");
    }

    @Test
    void activate_withoutKeys_isAUsageError() throws Exception {
        TallyRun r = tally.run("tags", "activate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tally: Missing required parameter: 'KEY'");
    }
}
