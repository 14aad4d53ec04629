package org.switchboard.core.routing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;

/** Engine snapshots in tests: configurations kept in memory by their text, everything else as the engine writes it. */
final class SnapshotFixture {

    private static final Map<String, Object> CONFIGS = new ConcurrentHashMap<>();

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

    private SnapshotFixture() {}

    static byte[] bytesOf(RoutingEngine engine) throws IOException {
        return bytesOf(engine, EngineSnapshot.FORMAT);
    }

    static byte[] bytesOf(RoutingEngine engine, int format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EngineSnapshot.write(engine, out, CODEC, format);
        }
        return bytes.toByteArray();
    }

    static RoutingEngine roundTrip(RoutingEngine engine, Consumer<Event> events) throws IOException {
        return roundTrip(engine, EngineSnapshot.FORMAT, events);
    }

    /** Written in an earlier {@code format} (what a release before it wrote) and read back; events dropped. */
    static RoutingEngine roundTrip(RoutingEngine engine, int format) throws IOException {
        return roundTrip(engine, format, event -> {});
    }

    private static RoutingEngine roundTrip(RoutingEngine engine, int format, Consumer<Event> events)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytesOf(engine, format)))) {
            RoutingEngine restored = EngineSnapshot.read(in, CODEC, events);
            if (in.read() != -1) {
                throw new AssertionError("the snapshot has trailing bytes");
            }
            return restored;
        }
    }

    /** Everything an outsider can see of an engine (not the next timer: it may be a stale one, which is not kept). */
    record Views(
            long nowMs,
            List<QueueView> queues,
            List<AgentView> agents,
            Map<String, List<ContactView>> lines,
            int live) {}

    static Views viewsOf(RoutingEngine engine) {
        Map<String, List<ContactView>> lines = new LinkedHashMap<>();
        for (QueueView queue : engine.queues()) {
            lines.put(queue.config().id(), engine.contactsOf(queue.config().id(), Integer.MAX_VALUE));
        }
        return new Views(engine.nowInMs(), engine.queues(), engine.agents(), lines, engine.liveContacts());
    }
}
