package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.SnapshotStore;
import org.switchboard.core.routing.EngineSnapshot;

/** Snapshots kept in memory, for runtime tests; configurations encoded by their text in a shared registry. */
final class MemorySnapshots implements SnapshotStore {

    private static final Map<String, Object> CONFIGS = new java.util.concurrent.ConcurrentHashMap<>();

    static final EngineSnapshot.ConfigCodec CODEC = new EngineSnapshot.ConfigCodec() {
        @Override
        public String encode(QueueConfig queue) {
            CONFIGS.put(queue.toString(), queue);
            return queue.toString();
        }

        @Override
        public String encode(AgentConfig agent) {
            CONFIGS.put(agent.toString(), agent);
            return agent.toString();
        }

        @Override
        public QueueConfig decodeQueue(String text) {
            return (QueueConfig) CONFIGS.get(text);
        }

        @Override
        public AgentConfig decodeAgent(String text) {
            return (AgentConfig) CONFIGS.get(text);
        }
    };

    final TreeMap<Long, byte[]> byPosition = new TreeMap<>(Comparator.reverseOrder());

    @Override
    public synchronized void save(long position, long takenAtMs, byte[] data) {
        byPosition.put(position, data.clone());
    }

    @Override
    public synchronized List<Stored> list() {
        List<Stored> stored = new ArrayList<>();
        byPosition.forEach((position, data) -> stored.add(new Stored(position, 0, data.length)));
        return stored;
    }

    @Override
    public synchronized Optional<byte[]> load(long position) {
        return Optional.ofNullable(byPosition.get(position)).map(byte[]::clone);
    }

    @Override
    public synchronized void keepNewest(int keep) {
        while (byPosition.size() > keep) {
            byPosition.pollLastEntry();
        }
    }

    synchronized void damageNewest() {
        byte[] newest = byPosition.firstEntry().getValue();
        newest[newest.length / 2] ^= 0x5a;
    }
}
