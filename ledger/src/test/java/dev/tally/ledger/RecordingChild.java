package dev.tally.ledger;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A process that records events as fast as 32 callers can and prints the id of each one whose future
 * completed, until it is killed. {@link KilledWriterTest} runs it.
 */
public final class RecordingChild {
    public static void main(String[] args) throws Exception {
        Ledger ledger = Ledger.open(args[0], SyncMode.valueOf(args[1]));
        PrintStream out = System.out;
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int caller = t;
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; ; i++) {
                    String id = "c" + caller + "-" + i;
                    ledger.record(SampleEvents.event(id, i)).join();
                    synchronized (out) {
                        out.println(id);
                        out.flush();
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
    }
}
