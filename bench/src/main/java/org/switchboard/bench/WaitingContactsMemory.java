package org.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.routing.RoutingEngine;

/**
 * How much heap the engine needs for waiting contacts: registers {@code --contacts} (default 1,000,000) voice
 * contacts with attributes in 10 queues nobody serves, then reports the heap in use after a full GC. Run with the
 * heap limit under test, e.g. {@code java -Xmx2g -cp bench/target/benchmarks.jar
 * org.switchboard.bench.WaitingContactsMemory}; an OutOfMemoryError is the failing answer.
 */
public final class WaitingContactsMemory {

    public static void main(String[] args) {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long[] events = {0};
        RoutingEngine engine = new RoutingEngine(e -> events[0]++);
        long nowMs = 1_700_000_000_000L;
        for (int q = 0; q < 10; q++) {
            engine.apply(new Command.DefineQueue(QueueConfig.simple("q" + q, null, List.of("s" + q))), nowMs);
        }
        long before = usedHeapAfterGc();
        for (int i = 0; i < contacts; i++) {
            nowMs += i % 4 == 0 ? 1 : 0;
            engine.apply(
                    new Command.RegisterContact(
                            ContactIds.next(nowMs),
                            Channel.VOICE,
                            "+7912" + (1_000_000 + i % 9_000_000),
                            "sub-" + i,
                            "q" + (i % 10),
                            i % 3,
                            Map.of("language", "ru"),
                            null),
                    nowMs);
        }
        long after = usedHeapAfterGc();
        System.out.printf(
                "%d waiting contacts (%d live in the engine): %.0f MB heap, %.0f bytes per contact "
                        + "(max heap %.0f MB)%n",
                contacts,
                engine.liveContacts(),
                (after - before) / 1e6,
                (after - before) / (double) contacts,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
